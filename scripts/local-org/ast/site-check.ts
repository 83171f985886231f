/**
 * Load-time checks of the project's Sites, guest profiles and platform event subscriber configs against its triggers
 * and objects (the rules and their sources: schema/sites.ts). Kept beside the other load checks (upsert-check.ts) so
 * that schema/ imports nothing from ast/ (scripts/local-org/dependencies.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Schema } from '../schema/schema.ts';
import { lineOf, type SiteInfo, type SiteMetadata } from '../schema/sites.ts';
import type { LoadProblem } from './errors.ts';
import type { TriggerUnit } from './nodes.ts';

function read(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

function problem(file: string, line: number, message: string, kind: LoadProblem['kind'] = 'metadata'): LoadProblem {
  return { file, line, column: 1, kind, message };
}

/** What the platform refuses in these settings (see the module comment), each with file:line. */
export function checkSiteMetadata(meta: SiteMetadata, triggers: TriggerUnit[], schema: Schema): LoadProblem[] {
  const problems: LoadProblem[] = [];
  const prefixes = new Map<string, SiteInfo>();
  for (const site of meta.sites) {
    const other = site.active ? prefixes.get(site.urlPathPrefix) : undefined;
    if (other) {
      problems.push(
        problem(
          site.file,
          lineOf(read(site.file), '<urlPathPrefix>'),
          `site ${site.name} uses the path prefix '${site.urlPathPrefix}' of site ${other.name}`
        )
      );
    }
    if (site.active) {
      prefixes.set(site.urlPathPrefix, site);
    }
    const profile = meta.profiles.get(site.guestProfile.toLowerCase());
    if (!profile) {
      continue;
    }
    const source = read(profile.file);
    for (const [object, p] of profile.objectPermissions) {
      const granted = [
        p.allowEdit ? 'Edit' : '',
        p.allowDelete ? 'Delete' : '',
        p.viewAllRecords ? 'View All' : '',
        p.modifyAllRecords ? 'Modify All' : ''
      ].filter((g) => g !== '');
      if (granted.length > 0) {
        const at = new RegExp(`<object>\\s*(${object})\\s*</object>`, 'i').exec(source);
        problems.push(
          problem(
            profile.file,
            at ? lineOf(source, at[0]) : 1,
            `guest profile '${profile.name}' (site ${site.name}) grants ${granted.join(', ')} on ${at?.[1] ?? object}: guest users get no update, delete, View All or Modify All (secure guest user record access)`
          )
        );
      }
    }
    for (const perm of ['viewalldata', 'modifyalldata']) {
      if (profile.userPermissions.has(perm)) {
        const at = new RegExp(`<name>\\s*${perm}\\s*</name>`, 'i').exec(source);
        problems.push(
          problem(
            profile.file,
            at ? lineOf(source, at[0]) : 1,
            `guest profile '${profile.name}' (site ${site.name}) enables ${perm === 'viewalldata' ? 'ViewAllData' : 'ModifyAllData'}: not allowed for guest users`
          )
        );
      }
    }
  }
  for (const file of meta.guestSharingRuleFiles) {
    problems.push(
      problem(
        file,
        lineOf(read(file), '<sharingGuestRules>'),
        'guest sharing rules are not modelled by the local org runtime',
        'unsupported'
      )
    );
  }
  for (const config of meta.subscribers) {
    const source = read(config.file);
    const trigger = triggers.find((t) => t.name.toLowerCase() === config.trigger.toLowerCase());
    if (!trigger) {
      problems.push(
        problem(
          config.file,
          lineOf(source, '<platformEventConsumer>'),
          `platformEventConsumer '${config.trigger}' is not a trigger of the project`
        )
      );
    } else if (!schema.describe(trigger.object)?.platformEvent) {
      problems.push(
        problem(
          config.file,
          lineOf(source, '<platformEventConsumer>'),
          `trigger ${trigger.name} is on ${trigger.object}, not on a platform event`
        )
      );
    }
    if (!Number.isInteger(config.batchSize) || config.batchSize < 1 || config.batchSize > 2000) {
      problems.push(
        problem(
          config.file,
          lineOf(source, '<batchSize>'),
          `batchSize must be from 1 through 2,000 (got ${String(config.batchSize)})`
        )
      );
    }
  }
  return problems;
}

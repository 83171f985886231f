/**
 * Custom metadata records (`customMetadata/<Type>.<Record>.md-meta.xml` in a package directory, Metadata API Developer
 * Guide "CustomMetadata"): the type (`<Type>__mdt`), the record's DeveloperName (the file name's second part), its
 * label and its field values as written in the XML (`xsi:type` kept, `xsi:nil` as null). data/custom-metadata.ts turns
 * them into rows of the `__mdt` object.
 */
import { XMLParser } from 'fast-xml-parser';

export interface CustomMetadataValue {
  field: string;
  /** The text of `<value>`; null for `xsi:nil="true"`. */
  text: string | null;
  /** `xsd:boolean`, `xsd:string`, `xsd:double`, … (absent when the XML does not say). */
  xsiType?: string;
}

export interface CustomMetadataRecord {
  file: string;
  /** The object, e.g. `Logger_Setting__mdt`. */
  type: string;
  developerName: string;
  label: string;
  values: CustomMetadataValue[];
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === 'values'
});

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Parses one record file; `fileName` is `<Type>.<Record>.md-meta.xml`. Undefined when the name has no record part. */
export function parseCustomMetadataRecord(file: string, fileName: string, source: string): CustomMetadataRecord {
  const base = fileName.replace(/\.md-meta\.xml$/, '');
  const dot = base.indexOf('.');
  if (dot < 0) {
    throw new Error(`${file}: a custom metadata record file is named <Type>.<Record>.md-meta.xml`);
  }
  const body = ((xml.parse(source) as Record<string, unknown>).CustomMetadata ?? {}) as Record<string, unknown>;
  const values = ((body.values ?? []) as Record<string, unknown>[]).map((v): CustomMetadataValue => {
    const value = v.value;
    const attrs = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const nil = str(attrs['@xsi:nil']) === 'true';
    const text = typeof value === 'string' ? value : (str(attrs['#text']) ?? '');
    const xsiType = str(attrs['@xsi:type']);
    return { field: (str(v.field) ?? '').trim(), text: nil ? null : text, ...(xsiType ? { xsiType } : {}) };
  });
  return {
    file,
    type: `${base.slice(0, dot)}__mdt`,
    developerName: base.slice(dot + 1),
    label: (str(body.label) ?? base.slice(dot + 1)).trim(),
    values
  };
}

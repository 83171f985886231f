import type {
  ClassDecl,
  ConstructorDecl,
  EnumDecl,
  FieldDecl,
  InterfaceDecl,
  MethodDecl,
  Modifiers,
  PropertyDecl,
  TypeDecl,
  VarDeclarator
} from '../ast/nodes.ts';
import type { ApexType } from './types.ts';
import { ApexEnumValue } from './values.ts';
import { lowerName } from '../schema/lower.ts';

export interface FieldInfo {
  name: string;
  /** `name` lower-cased: the field's key in an object's or the class's slots. */
  lower: string;
  decl: FieldDecl;
  declarator: VarDeclarator;
  owner: ClassInfo;
  /** The declared type, once the interpreter has resolved it (from `owner`). */
  type?: ApexType;
}

/** Counts superclass assignments: ClassInfo's memoized lookups are valid for one value of it. */
let linkGeneration = 0;

/** A class or interface: declared in Apex source (`decl`), or built in (system exceptions). */
export class ClassInfo {
  readonly inner = new Map<string, TypeInfo>();
  readonly methods = new Map<string, MethodDecl[]>();
  readonly constructors: ConstructorDecl[] = [];
  readonly fields = new Map<string, FieldInfo>();
  readonly properties = new Map<string, PropertyDecl>();
  interfaces: ClassInfo[] = [];
  private superclassInfo?: ClassInfo;
  /**
   * The superclass chain and lookups by lower-cased name through it, memoized (the interpreter looks up a field or
   * property on every access); valid while no class anywhere has had its superclass set since (the registry links
   * superclasses after declaring every type, and a class's chain runs through other classes).
   */
  private cacheGeneration = -1;
  private chainCache: readonly ClassInfo[] = [];
  private readonly fieldCache = new Map<string, FieldInfo | null>();
  private readonly propertyCache = new Map<string, { prop: PropertyDecl; owner: ClassInfo } | null>();

  constructor(
    readonly kind: 'class' | 'interface',
    readonly name: string,
    readonly fullName: string,
    readonly file: string,
    readonly decl?: ClassDecl | InterfaceDecl,
    readonly outer?: ClassInfo
  ) {}

  get superclass(): ClassInfo | undefined {
    return this.superclassInfo;
  }

  set superclass(c: ClassInfo | undefined) {
    this.superclassInfo = c;
    linkGeneration++;
  }

  /** Drops the memoized lookups when some superclass was set since they were made. */
  private fresh(): void {
    if (this.cacheGeneration !== linkGeneration) {
      this.cacheGeneration = linkGeneration;
      const out: ClassInfo[] = [this];
      for (let c = this.superclass; c; c = c.superclass) {
        out.push(c);
      }
      this.chainCache = out;
      this.fieldCache.clear();
      this.propertyCache.clear();
    }
  }

  private typeOf?: ApexType;
  /** This class as a type, one object for all its instances' runtimeType (overload choice asks on every call). */
  get asType(): ApexType {
    return (this.typeOf ??= { kind: 'class', cls: this });
  }

  get modifiers(): Modifiers | undefined {
    return this.decl?.modifiers;
  }

  get isBuiltin(): boolean {
    return this.decl === undefined;
  }

  get isAbstract(): boolean {
    return this.kind === 'interface' || (this.decl?.modifiers.isAbstract ?? false);
  }

  isSubtypeOf(other: ClassInfo): boolean {
    if (this === other) {
      return true;
    }
    if (this.superclass?.isSubtypeOf(other)) {
      return true;
    }
    return this.interfaces.some((i) => i.isSubtypeOf(other));
  }

  /** Whether this class is System.Exception or extends it. */
  get isException(): boolean {
    for (const c of this.chain()) {
      if (c.isBuiltin && c.fullName === 'System.Exception') {
        return true;
      }
    }
    return false;
  }

  /** This class and its superclasses, most derived first. */
  chain(): readonly ClassInfo[] {
    this.fresh();
    return this.chainCache;
  }

  findField(name: string): FieldInfo | undefined {
    this.fresh();
    const cached = this.fieldCache.get(name);
    if (cached !== undefined) {
      return cached ?? undefined;
    }
    const lower = name.toLowerCase();
    let found: FieldInfo | null = null;
    for (const c of this.chainCache) {
      const f = c.fields.get(lower);
      if (f) {
        found = f;
        break;
      }
    }
    this.fieldCache.set(name, found);
    return found ?? undefined;
  }

  findProperty(name: string): { prop: PropertyDecl; owner: ClassInfo } | undefined {
    this.fresh();
    const cached = this.propertyCache.get(name);
    if (cached !== undefined) {
      return cached ?? undefined;
    }
    const lower = name.toLowerCase();
    let found: { prop: PropertyDecl; owner: ClassInfo } | null = null;
    for (const c of this.chainCache) {
      const p = c.properties.get(lower);
      if (p) {
        found = { prop: p, owner: c };
        break;
      }
    }
    this.propertyCache.set(name, found);
    return found ?? undefined;
  }
}

export class EnumInfo {
  readonly values: ApexEnumValue[];
  constructor(
    readonly name: string,
    readonly fullName: string,
    valueNames: string[],
    readonly decl?: EnumDecl,
    readonly outer?: ClassInfo
  ) {
    this.values = valueNames.map((v, i) => new ApexEnumValue(this, v, i));
  }

  private byName?: Map<string, ApexEnumValue>;
  value(name: string): ApexEnumValue | undefined {
    if (!this.byName) {
      // The first value of a name wins, as a search from the start did.
      this.byName = new Map();
      for (const v of this.values) {
        const key = lowerName(v.name);
        if (!this.byName.has(key)) {
          this.byName.set(key, v);
        }
      }
    }
    return this.byName.get(lowerName(name));
  }
}

export type TypeInfo = ClassInfo | EnumInfo;

/** Builds ClassInfo/EnumInfo for a declaration and its inner types (supertypes are linked later). */
export function declareType(decl: TypeDecl, file: string, outer?: ClassInfo, namespace?: string): TypeInfo {
  const fullName = outer ? `${outer.fullName}.${decl.name}` : namespace ? `${namespace}.${decl.name}` : decl.name;
  if (decl.kind === 'enum') {
    return new EnumInfo(decl.name, fullName, decl.values, decl, outer);
  }
  const info = new ClassInfo(decl.kind, decl.name, fullName, file, decl, outer);
  if (decl.kind === 'interface') {
    for (const m of decl.methods) {
      addMethod(info, m);
    }
    return info;
  }
  for (const member of decl.members) {
    switch (member.kind) {
      case 'method':
        addMethod(info, member);
        break;
      case 'constructor':
        info.constructors.push(member);
        break;
      case 'field':
        for (const d of member.declarators) {
          const lower = d.name.toLowerCase();
          info.fields.set(lower, { name: d.name, lower, decl: member, declarator: d, owner: info });
        }
        break;
      case 'property':
        info.properties.set(member.name.toLowerCase(), member);
        break;
      case 'innerType':
        info.inner.set(member.decl.name.toLowerCase(), declareType(member.decl, file, info));
        break;
      case 'initializer':
        break;
    }
  }
  return info;
}

function addMethod(info: ClassInfo, m: MethodDecl): void {
  const key = m.name.toLowerCase();
  const list = info.methods.get(key) ?? [];
  list.push(m);
  info.methods.set(key, list);
}

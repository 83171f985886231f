import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apexError, evalApex, runClass } from '../test-helpers.ts';
import { ApexThrow, RuntimeGap } from '../values/errors.ts';

describe('classes', () => {
  // Apex Developer Guide, "Classes, Objects, and Interfaces": constructors incl. this(...) chaining, inheritance with
  // virtual/override and super calls, abstract classes, interfaces, inner classes.
  it('constructs objects with this(...)/super(...) chaining and virtual dispatch', () => {
    const r = runClass(`
      public virtual class Animal {
        protected String name;
        public Animal() { this('anonymous'); }
        public Animal(String name) { this.name = name; }
        public virtual String speak() { return name + ' makes a sound'; }
      }
      public class Dog extends Animal {
        public Dog(String name) { super(name.toUpperCase()); }
        public override String speak() { return super.speak() + ': woof'; }
      }
      public abstract class Shape { public abstract Decimal area(); public String describe() { return 'area ' + area(); } }
      public class Square extends Shape { Decimal side; public Square(Decimal s) { side = s; } public override Decimal area() { return side * side; } }
      public interface Greeter { String greet(String who); }
      public class Hello implements Greeter { public String greet(String who) { return 'hello ' + who; } }
      public static Object run() {
        Animal a = new Dog('rex');
        Greeter g = new Hello();
        return new List<Object>{ a.speak(), new Animal().speak(), new Square(1.5).describe(), g.greet('x'), a instanceof Dog, g instanceof Greeter };
      }`);
    assert.equal(r.text, '(REX makes a sound: woof, anonymous makes a sound, area 2.25, hello x, true, true)');
  });

  // Static variables and static initialisers run once per transaction (Apex Developer Guide, "Static and Instance
  // Methods, Variables, and Initialization Code").
  it('runs static initialisers once per transaction, in declaration order', () => {
    const members = `
      static List<String> log = new List<String>{'field'};
      static { log.add('block'); }
      static Integer counter = 0;
      public static Integer next() { return ++counter; }
      public static Object run() { next(); next(); return log + ' ' + next(); }`;
    assert.equal(runClass(members).text, '(field, block) 3');
    assert.equal(runClass(members).text, '(field, block) 3', 'a new transaction starts from fresh statics');
  });

  it('runs instance initialisers and field defaults before the constructor body', () => {
    const r = runClass(`
      public class Counter {
        public Integer start = 10;
        public Integer unset;
        { start += 1; }
        public Counter() { start *= 2; }
      }
      public static Object run() { Counter c = new Counter(); return c.start + '/' + c.unset; }`);
    assert.equal(r.text, '22/null');
  });

  // Properties: automatic accessors, custom get/set bodies with `value`, the property name as backing variable.
  it('supports properties with automatic and custom accessors', () => {
    const r = runClass(`
      public class Temp {
        public Integer celsius { get; set; }
        public Integer fahrenheit { get { return celsius * 9 / 5 + 32; } }
        public String label { get { return label == null ? 'none' : label; } set { label = value.trim(); } }
        public static Integer instances { get; private set; }
      }
      public static Object run() {
        Temp t = new Temp();
        t.celsius = 100;
        String before = t.label;
        t.label = '  hot ';
        return t.fahrenheit + ' ' + before + ' ' + t.label + ' ' + Temp.instances;
      }`);
    assert.equal(r.text, '212 none hot null');
  });

  // Enums: values(), name(), ordinal() (Apex Developer Guide, "Enums").
  it('supports enums with values(), name(), ordinal() and switch', () => {
    const r = runClass(`
      public enum Season { WINTER, SPRING, SUMMER }
      public static Object run() {
        List<String> out = new List<String>();
        for (Season s : Season.values()) {
          switch on s {
            when WINTER, SUMMER { out.add(s.name() + s.ordinal()); }
            when else { out.add('other'); }
          }
        }
        return out;
      }`);
    assert.equal(r.text, '(WINTER0, other, SUMMER2)');
  });

  it('calls outer static methods from inner classes and resolves Outer.Inner types', () => {
    const r = runClass(`
      static String prefix() { return '>'; }
      public class Node { public String label() { return prefix() + 'node'; } }
      public static Object run() { T.Node n = new T.Node(); return n.label(); }`);
    assert.equal(r.text, '>node');
  });
});

describe('statements', () => {
  it('scopes locals to blocks and runs loops with break/continue', () => {
    const r = runClass(`public static Object run() {
      Integer total = 0;
      for (Integer i = 0; i < 10; i++) { if (i == 2) { continue; } if (i == 6) { break; } total += i; }
      Integer w = 0;
      while (w < 3) { w++; }
      Integer d = 0;
      do { d += 5; } while (d < 12);
      for (Integer x : new Set<Integer>{1, 2, 3}) { total += x; }
      return total + ' ' + w + ' ' + d;
    }`);
    assert.equal(r.text, '19 3 15');
  });

  // switch on: String values compare case-sensitively; when null; when else; type patterns.
  it('switches on strings, integers, null and types', () => {
    const r = runClass(`
      static String kind(Object o) {
        switch on o {
          when null { return 'null'; }
          when else { return 'object'; }
        }
      }
      static String word(String s) {
        switch on s { when 'a', 'b' { return 'ab'; } when 'A' { return 'upper'; } when else { return 'else'; } }
      }
      static String num(Integer i) { switch on i { when -1 { return 'minus'; } when 1, 2 { return 'small'; } } return 'none'; }
      public static Object run() { return new List<String>{ kind(null), kind(1), word('b'), word('A'), num(-1), num(2), num(9) }; }`);
    assert.equal(r.text, '(null, object, ab, upper, minus, small, none)');
  });

  it('runs finally blocks and lets a finally return override', () => {
    const r = runClass(`
      static List<String> log = new List<String>();
      static Integer f() { try { return 1; } finally { log.add('finally'); } }
      public static Object run() {
        try { Integer x = 1 / 0; } catch (MathException e) { log.add('caught'); } finally { log.add('done'); }
        return f() + ' ' + log;
      }`);
    assert.equal(r.text, '1 (caught, done, finally)');
  });
});

describe('expressions', () => {
  // Apex Developer Guide, "Primitive Data Types": Integer is 32-bit, Long 64-bit; arithmetic overflows silently.
  it('wraps Integer and Long arithmetic', () => {
    assert.equal(evalApex('2147483647 + 1'), '-2147483648');
    assert.equal(evalApex('i * 2', 'Integer i = 2000000000;'), '-294967296');
    assert.equal(evalApex('9223372036854775807L + 1'), '-9223372036854775808');
    assert.equal(evalApex('7 / 2'), '3');
    assert.equal(evalApex('-7 / 2'), '-3');
  });

  // "Rules of Conversion": Integer < Long < Double < Decimal; a number literal with a point is a Decimal.
  it('widens mixed numeric operands and keeps Decimal scale', () => {
    assert.equal(evalApex('1.10 + 1'), '2.10');
    assert.equal(evalApex('d / 2', 'Double d = 5;'), '2.5');
    assert.equal(evalApex('d', 'Double d = 1;'), '1.0');
    assert.equal(evalApex('l', 'Long l = 5;'), '5');
    assert.equal(evalApex('d * 3', 'Decimal d = 1.5;'), '4.5');
    assert.equal(evalApex('1e10d'.replace('e10', '0000000000.0')), '1.0E10');
  });

  // String concatenation writes null as 'null'; == on Strings ignores case, === does not.
  it('concatenates and compares strings the Apex way', () => {
    assert.equal(evalApex("'a' + null + 1 + true"), 'anull1true');
    assert.equal(evalApex("'Hello' == 'hello'"), 'true');
    assert.equal(evalApex("'Hello' != 'HELLO'"), 'false');
    assert.equal(evalApex("'Hello'.equals('hello')"), 'false');
    assert.equal(evalApex('s == null', 'String s;'), 'true');
  });

  // Comparison with a null Integer/Date is false (Apex Developer Guide, "Expression Operators").
  it('evaluates comparisons, ternary, ?. and ??', () => {
    assert.equal(evalApex('i < 5 || i > 5 || i >= 5', 'Integer i;'), 'false');
    assert.equal(evalApex('s?.length() ?? -1', 'String s;'), '-1');
    assert.equal(evalApex('s?.trim().length()', "String s = ' ab ';"), '2');
    assert.equal(evalApex('m?.get(1)?.size()', 'Map<Integer, List<String>> m;'), 'null');
    assert.equal(evalApex("x > 1 ? 'big' : 'small'", 'Integer x = 2;'), 'big');
  });

  it('supports pre/post increment and compound assignment', () => {
    assert.equal(
      evalApex("i++ + '/' + i + '/' + (++i) + '/' + (i -= 3) + '/' + (i *= 4)", 'Integer i = 1;'),
      '1/2/3/0/0'
    );
    assert.equal(evalApex("s += 'b'", "String s = 'a';"), 'ab');
    assert.equal(evalApex('l[1]++ + l[1]', 'List<Integer> l = new List<Integer>{1, 5};'), '11');
  });

  it('creates collections with initialisers and array syntax', () => {
    assert.equal(evalApex("new List<String>{'a', 'b'}"), '(a, b)');
    assert.equal(evalApex("new Map<String, Integer>{'a' => 1, 'b' => 2}"), '{a=1, b=2}');
    assert.equal(evalApex('new Set<Integer>{3, 1, 3}'), '{3, 1}');
    assert.equal(evalApex('arr.size() + arr[0]', "String[] arr = new String[]{'x'};"), '1x');
    assert.equal(evalApex('new Integer[3]'), '(null, null, null)');
    assert.equal(evalApex('new List<Integer>(new Set<Integer>{1, 2})'), '(1, 2)');
  });

  // Casts check the runtime type: "System.TypeException: Invalid conversion from runtime type X to Y".
  it('checks casts at runtime', () => {
    assert.equal(evalApex('(String) o', "Object o = 'x';"), 'x');
    assert.equal(
      apexError('Object o = 1; String s = (String) o;').text,
      'System.TypeException: Invalid conversion from runtime type Integer to String'
    );
    assert.equal(evalApex('o instanceof List<Object>', "Object o = new List<String>{'a'};"), 'true');
    assert.equal(evalApex('o instanceof String', 'Object o = null;'), 'false');
  });
});

describe('exceptions', () => {
  // Apex Developer Guide, "Exception Class and Built-In Exceptions" / "Create Custom Exceptions".
  it('supports custom exceptions with the standard constructors and methods', () => {
    const r = runClass(`
      public class BadInputException extends Exception {}
      public static Object run() {
        List<String> out = new List<String>();
        try {
          throw new BadInputException('bad value');
        } catch (BadInputException e) {
          out.add(e.getTypeName() + '|' + e.getMessage() + '|' + e.getLineNumber());
        }
        Exception cause = new BadInputException();
        Exception wrapped = new BadInputException('outer', cause);
        out.add(String.valueOf(cause.getMessage()) + '|' + wrapped.getCause().getTypeName());
        try { Integer x = null; x++; } catch (Exception e) { out.add(e.getTypeName() + ': ' + e.getMessage()); }
        return out;
      }`);
    assert.equal(
      r.text,
      '(T.BadInputException|bad value|6, null|T.BadInputException, System.NullPointerException: Attempt to de-reference a null object)'
    );
  });

  it('raises the documented system exceptions', () => {
    assert.equal(
      apexError('List<Integer> l = new List<Integer>(); l.get(2);').text,
      'System.ListException: List index out of bounds: 2'
    );
    assert.equal(apexError('Decimal d = 1; d = d / 0;').text, 'System.MathException: Divide by 0');
    assert.equal(apexError("Integer.valueOf('x1');").text, 'System.TypeException: Invalid integer: x1');
    assert.equal(apexError("'abc'.substring(5);").text, 'System.StringException: Starting position out of bounds: 5');
    assert.equal(
      apexError('String s; s.length();').text,
      'System.NullPointerException: Attempt to de-reference a null object'
    );
    assert.equal(apexError("JSON.deserializeUntyped('{');").text.split(':')[0], 'System.JSONException');
  });

  // getStackTraceString() lists the frames innermost first as "Class.Name.method: line N, column 1".
  it('records line numbers and an Apex stack trace', () => {
    const helper = [
      'public class Helper {',
      '  public static void fail() {',
      '    String s;',
      '    s.trim();',
      '  }',
      '}'
    ].join('\n');
    const e = apexError('\nHelper.fail();', { Helper: helper });
    assert.equal(e.line, 4);
    assert.equal(e.stack, 'Class.Helper.fail: line 4, column 1\nClass.T.run: line 2, column 1');
  });

  // Assertion failures cannot be caught (Apex Reference Guide, Assert class: "You can't catch an assertion failure").
  it('never lets catch blocks intercept an AssertException', () => {
    const e = apexError("try { Assert.areEqual(1, 2); } catch (Exception e) { System.debug('caught'); }");
    assert.equal(e.text, 'System.AssertException: Assertion Failed: Expected: 1, Actual: 2');
  });

  it('reports unknown methods as runtime gaps naming file:line', () => {
    assert.throws(
      () => runClass('public static Object run() {\n return missing(1); }'),
      (e: unknown) => e instanceof RuntimeGap && /missing\(Integer\).*\(T\.cls:2\)/.test(e.message)
    );
  });
});

it('System. and Schema. prefixes reach platform types that project classes shadow (Apex Developer Guide "Using the System Namespace", "Using the Schema Namespace")', () => {
  const shadows = {
    Type: "public class Type { public static String forName(String n) { return 'custom'; } }",
    LoggingLevel: 'public class LoggingLevel { }',
    Account: 'public class Account { public Integer n = 7; }'
  };
  assert.equal(
    runClass(
      `public static Object run() {
        System.LoggingLevel loggingLevel = System.LoggingLevel.INFO;
        Schema.Account a = new Schema.Account(Name = 'x');
        return Type.forName('T') + ' ' + System.Type.forName('T') + ' ' + loggingLevel + ' ' + a.Name + ' ' + new Account().n;
      }`,
      shadows
    ).text,
    'custom T INFO x 7'
  );
});

it('Comparator<T> orders List.sort(comparator) (Apex Reference Guide "Comparator Interface", List.sort(comparator))', () => {
  const byLength = `public class ByLength implements Comparator<String> {
    public Integer compare(String a, String b) { return a.length() - b.length(); }
  }`;
  assert.equal(
    runClass(
      `public static Object run() {
        List<String> words = new List<String>{ 'ccc', 'a', 'bb', 'dd' };
        words.sort(new ByLength());
        Comparator<String> c = new ByLength();
        return words + ' ' + (c instanceof System.Comparator<String>) + ' ' + c.compare('aa', 'b');
      }`,
      { ByLength: byLength }
    ).text,
    '(a, bb, dd, ccc) true 1'
  );
});

it('project classes may implement the async context interfaces; the runtime passes its own contexts through them', () => {
  const mock = `public class MockContext implements Database.BatchableContext {
    public Id getJobId() { return null; }
    public Id getChildJobId() { return null; }
  }`;
  const job = `public class Job implements Queueable, System.Callable {
    public static List<String> seen = new List<String>();
    public void execute(System.QueueableContext ctx) { seen.add('ran ' + (ctx.getJobId() != null)); }
    public Object call(String action, Map<String, Object> args) { return action + args.size(); }
  }`;
  assert.equal(
    runClass(
      `public static Object run() {
        Database.BatchableContext bc = new MockContext();
        Test.startTest();
        System.enqueueJob(new Job());
        Test.stopTest();
        return (bc.getJobId() == null) + ' ' + Job.seen + ' ' + new Job().call('x', new Map<String, Object>());
      }`,
      { MockContext: mock, Job: job }
    ).text,
    'true (ran true) x0'
  );
});

it('inside a property accessor, this.prop is the backing variable too (no recursion)', () => {
  const lazy = `public class Lazy {
    public Integer loads = 0;
    public List<String> items {
      get { this.items = this.items ?? load(); return this.items; }
      private set;
    }
    List<String> load() { loads++; return new List<String>{ 'x' }; }
  }`;
  assert.equal(
    runClass(`public static Object run() { Lazy l = new Lazy(); l.items.add('y'); return l.items + ' ' + l.loads; }`, {
      Lazy: lazy
    }).text,
    '(x, y) 1'
  );
});

it("a List<SObject> of one concrete type casts to that type's list (the same list); mixed contents do not", () => {
  assert.equal(
    runClass(`public static Object run() {
      List<SObject> l = new List<SObject>{ new Account(Name = 'a') };
      List<Account> a = (List<Account>) l;
      a.add(new Account(Name = 'b'));
      return l.size() + ' ' + a[1].Name + ' ' + ((List<Account>) new List<SObject>()).size();
    }`).text,
    '2 b 0'
  );
  assert.equal(
    apexError(`List<Account> a = (List<Account>) new List<SObject>{ new Contact() };`).text,
    'System.TypeException: Invalid conversion from runtime type List<SObject> to List<Account>'
  );
});

it('List/Set iterator(), Iterator<T>, and for-each over a class implementing Iterable<T> (Apex Developer Guide "Custom Iterators")', () => {
  const countdown = `public class Countdown implements Iterable<Integer> {
    Integer start;
    public Countdown(Integer start) { this.start = start; }
    public Iterator<Integer> iterator() { return new Steps(start); }
    class Steps implements Iterator<Integer> {
      Integer n;
      Steps(Integer n) { this.n = n; }
      public Boolean hasNext() { return n > 0; }
      public Integer next() { return n--; }
    }
  }`;
  assert.equal(
    runClass(
      `public static Object run() {
        List<String> out = new List<String>();
        Iterator<String> i = new List<String>{ 'a', 'b' }.iterator();
        while (i.hasNext()) { out.add(i.next()); }
        for (Iterator<Integer> j = new Set<Integer>{ 1, 2 }.iterator(); j.hasNext();) { out.add('' + j.next()); }
        for (Integer n : new Countdown(3)) { out.add('c' + n); }
        return out;
      }`,
      { Countdown: countdown }
    ).text,
    '(a, b, 1, 2, c3, c2, c1)'
  );
  assert.equal(
    apexError(`Iterator<String> i = new List<String>().iterator(); i.next();`).text,
    'System.NoSuchElementException: Iterator has no more elements.'
  );
});

it('Database.EmptyRecycleBinResult, Database.MergeResult, Flow.Interview and Messaging email types are known types (their methods are gaps)', () => {
  assert.equal(
    runClass(`public static Object run() {
      Database.MergeResult m = null; Flow.Interview f = null; List<Messaging.Email> emails = new List<Messaging.Email>(); Invocable.Action.Result ir = null; EventBus.ChangeEventHeader h = null; FormulaEval.FormulaInstance fi = null;
      List<Database.EmptyRecycleBinResult> l = new List<Database.EmptyRecycleBinResult>();
      return l.size() + ' ' + (m == null) + ' ' + (f == null);
    }`).text,
    '0 true true'
  );
});

it("String.valueOf of an inner class instance prints the inner class's own name", () => {
  assert.equal(
    runClass(
      `public class Inner { Integer n = 1; String s = 'x'; }
      public static Object run() { return String.valueOf(new Inner()) + ' | ' + new List<Inner>{ new Inner() }; }`
    ).text,
    'Inner:[n=1, s=x] | (Inner:[n=1, s=x])'
  );
});

it('new Map<Id, SObject>(records) keys the records by Id (Apex Reference Guide Map class); a record without an Id is a ListException', () => {
  assert.equal(
    runClass(`public static Object run() {
      insert new List<Account>{ new Account(Name = 'a'), new Account(Name = 'b') };
      Map<Id, Account> m = new Map<Id, Account>([SELECT Id, Name FROM Account ORDER BY Name]);
      String err;
      try { new Map<Id, Account>(new List<Account>{ new Account() }); } catch (ListException e) { err = e.getMessage(); }
      return m.size() + ' ' + m.get(m.values()[1].Id).Name + ' ' + err;
    }`).text,
    '2 b Row with null Id at index: 0'
  );
});

it('unbounded recursion is System.LimitException "Maximum stack depth reached: 1001", never an internal error', () => {
  assert.equal(
    runClassError(`public static Integer down(Integer n) { return down(n + 1) + 1; }
      public static Object run() { return down(0); }`).replace(/\d+$/, 'N'),
    'System.LimitException: Maximum stack depth reached: N'
  );
});

function runClassError(members: string): string {
  try {
    runClass(members);
  } catch (e) {
    if (e instanceof ApexThrow) {
      const data = e.exception.exception;
      return `${e.exception.cls.fullName}: ${data?.message ?? ''}`;
    }
    throw e;
  }
  return 'no exception';
}

it('Test.createStub routes instance method calls to the StubProvider (Apex Developer Guide "Build a Mocking Framework with the Stub API")', () => {
  const service = `public virtual class Greeter {
    public virtual String greet(String name) { return 'real ' + name; }
    public virtual Integer count(Integer a, String b) { return 0; }
  }`;
  const provider = `public class Recorder implements System.StubProvider {
    public List<String> calls = new List<String>();
    public Object handleMethodCall(Object stub, String name, Type returnType, List<Type> paramTypes, List<String> paramNames, List<Object> args) {
      calls.add(name + ':' + returnType + ':' + paramTypes + ':' + paramNames + ':' + args);
      return name == 'greet' ? (Object) ('stub ' + args[0]) : (Object) 7;
    }
  }`;
  assert.equal(
    runClass(
      `public static Object run() {
        Recorder r = new Recorder();
        Greeter g = (Greeter) Test.createStub(Greeter.class, r);
        return g.greet('x') + ' ' + g.count(1, 'b') + ' ' + (g instanceof Greeter) + ' ' + r.calls;
      }`,
      { Greeter: service, Recorder: provider }
    ).text,
    'stub x 7 true (greet:String:(String):(name):(x), count:Integer:(Integer, String):(a, b):(1, b))'
  );
});

using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.PublicApi;

/// <summary>
/// Keeps the public surface of QuantPulse.Core in review: the surface is rendered as text and compared with the
/// committed baseline. To accept a deliberate change, run the tests with QUANTPULSE_ACCEPT_API=1 and commit the
/// updated baseline.
/// </summary>
public class PublicApiTests
{
    private static readonly string BaselinePath =
        Path.Combine(ReferenceData.RepositoryRoot, "tests", "QuantPulse.Core.Tests", "PublicApi", "QuantPulse.Core.approved.txt");

    [Fact]
    public void PublicApi_Core_MatchesTheApprovedBaseline()
    {
        var actual = Render(typeof(Tick).Assembly);
        var received = Path.ChangeExtension(BaselinePath, ".received.txt");
        if (Environment.GetEnvironmentVariable("QUANTPULSE_ACCEPT_API") == "1")
        {
            File.WriteAllText(BaselinePath, actual);
            File.Delete(received);
            return;
        }

        var expected = File.Exists(BaselinePath) ? File.ReadAllText(BaselinePath) : string.Empty;
        if (expected != actual)
        {
            File.WriteAllText(received, actual);
            var added = actual.Split('\n').Except(expected.Split('\n')).Take(20);
            var removed = expected.Split('\n').Except(actual.Split('\n')).Take(20);
            Assert.Fail(
                $"The public API changed; compare {received} with the baseline and, if intended, rerun with QUANTPULSE_ACCEPT_API=1.\n" +
                $"Added:\n  {string.Join("\n  ", added)}\nRemoved:\n  {string.Join("\n  ", removed)}");
        }
    }

    internal static string Render(Assembly assembly)
    {
        var nullability = new NullabilityInfoContext();
        var sb = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            sb.Append(TypeHeader(type)).Append('\n');
            var members = new List<string>();
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            if (type.IsEnum)
            {
                members.AddRange(Enum.GetNames(type).Select(n => $"{n} = {Convert.ToInt64(Enum.Parse(type, n), System.Globalization.CultureInfo.InvariantCulture)}"));
            }
            else
            {
                foreach (var c in type.GetConstructors(flags))
                {
                    members.Add($"ctor({Parameters(c.GetParameters(), nullability)})");
                }

                foreach (var p in type.GetProperties(flags))
                {
                    var accessors = new List<string>();
                    if (p.GetMethod?.IsPublic == true)
                    {
                        accessors.Add("get;");
                    }

                    if (p.SetMethod?.IsPublic == true)
                    {
                        var isInit = p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Any(m => m == typeof(IsExternalInit));
                        accessors.Add(isInit ? "init;" : "set;");
                    }

                    var indexer = p.GetIndexParameters();
                    var name = indexer.Length > 0 ? $"this[{Parameters(indexer, nullability)}]" : p.Name;
                    var isStatic = (p.GetMethod ?? p.SetMethod)!.IsStatic ? "static " : string.Empty;
                    members.Add($"{isStatic}{Name(p.PropertyType, nullability.Create(p))} {name} {{ {string.Join(' ', accessors)} }}");
                }

                foreach (var f in type.GetFields(flags))
                {
                    var modifier = f.IsLiteral ? "const " : f.IsStatic ? (f.IsInitOnly ? "static readonly " : "static ") : f.IsInitOnly ? "readonly " : string.Empty;
                    members.Add($"{modifier}{Name(f.FieldType, nullability.Create(f))} {f.Name}");
                }

                foreach (var e in type.GetEvents(flags))
                {
                    members.Add($"event {Name(e.EventHandlerType!, null)} {e.Name}");
                }

                foreach (var m in type.GetMethods(flags).Where(m => !m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal)))
                {
                    if (IsCompilerGenerated(type, m))
                    {
                        continue;
                    }

                    var generic = m.IsGenericMethodDefinition ? $"<{string.Join(", ", m.GetGenericArguments().Select(a => a.Name))}>" : string.Empty;
                    var isStatic = m.IsStatic ? "static " : string.Empty;
                    var isExtension = m.IsDefined(typeof(ExtensionAttribute), false) ? "this " : string.Empty;
                    members.Add($"{isStatic}{Name(m.ReturnType, nullability.Create(m.ReturnParameter))} {m.Name}{generic}({isExtension}{Parameters(m.GetParameters(), nullability)})");
                }
            }

            foreach (var member in members.Order(StringComparer.Ordinal))
            {
                sb.Append("    ").Append(member).Append('\n');
            }
        }

        return sb.ToString();
    }

    // Records get Equals/GetHashCode/ToString/PrintMembers/Deconstruct/<Clone>$ from the compiler; listing them adds noise.
    private static bool IsCompilerGenerated(Type type, MethodInfo m) =>
        m.IsDefined(typeof(CompilerGeneratedAttribute), false) ||
        (type.GetMethod("<Clone>$") is not null && m.Name is "ToString" or "GetHashCode" or "Equals" or "Deconstruct" or "PrintMembers" or "op_Equality" or "op_Inequality");

    private static string TypeHeader(Type type)
    {
        var kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.GetMethod("<Clone>$") is not null ? "record" : "class";
        var modifiers = type switch
        {
            { IsAbstract: true, IsSealed: true } => "static ",
            { IsInterface: true } or { IsValueType: true } => string.Empty,
            { IsSealed: true } => "sealed ",
            { IsAbstract: true } => "abstract ",
            _ => string.Empty,
        };
        var bases = new List<string>();
        if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum))
        {
            bases.Add(Name(b, null));
        }

        bases.AddRange(type.GetInterfaces()
            .Where(i => i.IsPublic || i.IsNestedPublic)
            .Select(i => Name(i, null))
            .Order(StringComparer.Ordinal));
        return $"{modifiers}{kind} {Name(type, null)}{(bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty)}";
    }

    private static string Parameters(ParameterInfo[] parameters, NullabilityInfoContext nullability) =>
        string.Join(", ", parameters.Select(p =>
        {
            var prefix = p.IsOut ? "out " : p.ParameterType.IsByRef ? (p.IsIn ? "in " : "ref ") : p.IsDefined(typeof(ParamArrayAttribute)) ? "params " : string.Empty;
            var type = p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType;
            var suffix = p.HasDefaultValue ? $" = {p.DefaultValue ?? "null"}" : string.Empty;
            return $"{prefix}{Name(type, nullability.Create(p))} {p.Name}{suffix}";
        }));

    private static string Name(Type type, NullabilityInfo? info)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying, null) + "?";
        }

        var nullable = info is { ReadState: NullabilityState.Nullable } && !type.IsValueType ? "?" : string.Empty;
        if (type.IsArray)
        {
            return Name(type.GetElementType()!, info?.ElementType) + "[]" + nullable;
        }

        if (type.IsGenericParameter)
        {
            return type.Name + nullable;
        }

        var name = type.IsNested ? Name(type.DeclaringType!, null) + "." + type.Name : type.Namespace + "." + type.Name;
        if (type.IsGenericType)
        {
            name = name[..name.IndexOf('`', StringComparison.Ordinal)];
            var args = type.GetGenericArguments();
            var argInfos = info?.GenericTypeArguments;
            name += "<" + string.Join(", ", args.Select((a, i) => Name(a, argInfos is { Length: > 0 } && i < argInfos.Length ? argInfos[i] : null))) + ">";
        }

        return name + nullable;
    }
}

using System.Reflection;
using System.Reflection.Emit;

namespace QuantPulse.Tests.Architecture;

/// <summary>
/// The namespace dependency graph of an assembly, read by reflection: every type a type names in its base type,
/// interfaces, generic arguments, fields, properties, events, method signatures, local variables and method bodies
/// (the metadata tokens of the IL), grouped by the namespaces of both ends. Compiler-generated nested types (lambdas,
/// iterators, async state machines) count for the type that declares them.
/// </summary>
internal static class NamespaceGraph
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Edges "from namespace" → "to namespace", each with one example of a type that makes it.</summary>
    public static Dictionary<(string From, string To), string> Build(Assembly assembly)
    {
        var edges = new Dictionary<(string, string), string>();
        foreach (var type in assembly.GetTypes())
        {
            var from = OwnerNamespace(type);
            if (from is null)
            {
                continue;
            }

            foreach (var used in Referenced(type))
            {
                var target = Unwrap(used);
                if (target is null || target.Assembly != assembly)
                {
                    continue;
                }

                var to = OwnerNamespace(target);
                if (to is not null && to != from)
                {
                    edges.TryAdd((from, to), $"{Outermost(type).FullName} uses {Outermost(target).FullName}");
                }
            }
        }

        return edges;
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    private static string? OwnerNamespace(Type type) => Outermost(type).Namespace;

    private static Type? Unwrap(Type? type)
    {
        while (type is not null && (type.HasElementType))
        {
            type = type.GetElementType();
        }

        return type is { IsGenericParameter: true } ? null : type;
    }

    private static List<Type> Referenced(Type type)
    {
        var found = new List<Type>();
        void Add(Type? t)
        {
            t = Unwrap(t);
            if (t is null)
            {
                return;
            }

            found.Add(t);
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var a in t.GetGenericArguments())
                {
                    Add(a);
                }
            }
        }

        Add(type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Add(i);
        }

        foreach (var f in type.GetFields(Everything))
        {
            Add(f.FieldType);
        }

        foreach (var p in type.GetProperties(Everything))
        {
            Add(p.PropertyType);
        }

        foreach (var e in type.GetEvents(Everything))
        {
            Add(e.EventHandlerType);
        }

        var module = type.Module;
        foreach (var m in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (m is MethodInfo mi)
            {
                Add(mi.ReturnType);
            }

            foreach (var p in m.GetParameters())
            {
                Add(p.ParameterType);
            }

            var body = m.GetMethodBody();
            if (body is null)
            {
                continue;
            }

            foreach (var local in body.LocalVariables)
            {
                Add(local.LocalType);
            }

            var typeArgs = type.IsGenericType ? type.GetGenericArguments() : null;
            var methodArgs = m.IsGenericMethod ? m.GetGenericArguments() : null;
            foreach (var token in Tokens(body.GetILAsByteArray() ?? []))
            {
                try
                {
                    var member = module.ResolveMember(token, typeArgs, methodArgs);
                    switch (member)
                    {
                        case Type t:
                            Add(t);
                            break;
                        case MethodBase called:
                            Add(called.DeclaringType);
                            if (called is MethodInfo { IsGenericMethod: true } generic)
                            {
                                foreach (var a in generic.GetGenericArguments())
                                {
                                    Add(a);
                                }
                            }

                            break;
                        case FieldInfo field:
                            Add(field.DeclaringType);
                            Add(field.FieldType);
                            break;
                    }
                }
                catch (ArgumentException)
                {
                    // A token that is not a member reference (a string or signature token).
                }
            }
        }

        return found;
    }

    private static IEnumerable<int> Tokens(byte[] il)
    {
        var i = 0;
        while (i < il.Length)
        {
            short value = il[i++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[i++]));
            }

            var op = OpCodesByValue[value];
            switch (op.OperandType)
            {
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    yield return BitConverter.ToInt32(il, i);
                    i += 4;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.InlineSwitch:
                    var count = BitConverter.ToInt32(il, i);
                    i += 4 + (4 * count);
                    break;
                default:
                    i += 4;
                    break;
            }
        }
    }
}

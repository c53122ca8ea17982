using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Platform.IntegrationTests.Contract;

/// <summary>Whether a type may be null, and its type arguments (or array element), as written where it is used.</summary>
internal sealed record Nullness(bool Nullable, IReadOnlyList<Nullness> Arguments)
{
    private static readonly NullabilityInfoContext Context = new();

    public static Nullness Of(ParameterInfo parameter) => From(Context.Create(parameter), null);

    /// <summary>
    /// A property's nullability. Reflection reads a type parameter (the <c>T</c> of <c>PagedResult&lt;T&gt;</c>) as
    /// maybe-null; the argument written where the generic type is used says what it is, so it takes its place.
    /// </summary>
    public static Nullness Of(PropertyInfo property, Type declaringType, Nullness? declaringNullness)
    {
        if (!declaringType.IsConstructedGenericType || declaringNullness is null)
        {
            return From(Context.Create(property), null);
        }

        var declared = declaringType.GetGenericTypeDefinition().GetProperty(property.Name)!;
        return From(Context.Create(declared), declaringNullness.Arguments);
    }

    private static Nullness From(NullabilityInfo info, IReadOnlyList<Nullness>? typeArguments) =>
        info.Type.IsGenericParameter && typeArguments is not null
            ? typeArguments[info.Type.GenericParameterPosition]
            : new Nullness(
                info.ReadState == NullabilityState.Nullable,
                [.. (info.ElementType is { } element ? [element] : info.GenericTypeArguments).Select(argument => From(argument, typeArguments))]);
}

/// <summary>
/// A C# type of the SDK as System.Text.Json with web defaults (the SDK's serializer) writes it: its JSON kind and
/// format, whether it may be null, its array items and its properties by their JSON names.
/// </summary>
/// <param name="OmittedWhenNull">A property marked to be left out rather than written as null.</param>
internal sealed record ClrJsonType(Type Type, JsonKind Kind, string? Format, bool Nullable, Nullness? Nullness, bool OmittedWhenNull = false)
{
    /// <summary>Whether the SDK may write null for it in a request.</summary>
    public bool SendsNull => Nullable && !OmittedWhenNull;

    public static ClrJsonType Of(ParameterInfo parameter) => Of(parameter.ParameterType, Contract.Nullness.Of(parameter));

    public static ClrJsonType Of(Type type, Nullness? nullness)
    {
        var underlying = System.Nullable.GetUnderlyingType(type);
        var nullable = underlying is not null || (!type.IsValueType && nullness?.Nullable == true);
        var valueType = underlying ?? type;
        var (kind, format) = valueType switch
        {
            _ when valueType == typeof(string) => (JsonKind.String, null),
            _ when valueType == typeof(Guid) => (JsonKind.String, "uuid"),
            _ when valueType == typeof(DateOnly) => (JsonKind.String, "date"),
            _ when valueType == typeof(DateTimeOffset) || valueType == typeof(DateTime) => (JsonKind.String, "date-time"),
            _ when valueType == typeof(bool) => (JsonKind.Boolean, null),
            _ when valueType == typeof(int) || valueType == typeof(short) => (JsonKind.Integer, "int32"),
            _ when valueType == typeof(long) => (JsonKind.Integer, "int64"),
            _ when valueType == typeof(decimal) || valueType == typeof(double) || valueType == typeof(float) => (JsonKind.Number, null),
            _ when valueType == typeof(JsonElement) => (JsonKind.Any, null),
            _ => (JsonSerializerOptions.Web.GetTypeInfo(valueType).Kind switch
            {
                JsonTypeInfoKind.Enumerable => JsonKind.Array,
                JsonTypeInfoKind.Object => JsonKind.Object,
                _ => JsonKind.Unsupported,
            }, (string?)null),
        };
        return new ClrJsonType(valueType, kind, format, nullable, nullness);
    }

    /// <summary>The type of an array's items.</summary>
    public ClrJsonType Items => Of(JsonSerializerOptions.Web.GetTypeInfo(Type).ElementType!, Nullness?.Arguments is [var item] ? item : null);

    /// <summary>An object's properties by the names System.Text.Json writes.</summary>
    public IReadOnlyDictionary<string, ClrJsonType> Properties =>
        JsonSerializerOptions.Web.GetTypeInfo(Type).Properties.ToDictionary(property => property.Name, property =>
        {
            var info = (PropertyInfo)property.AttributeProvider!;
            return Of(property.PropertyType, Contract.Nullness.Of(info, Type, Nullness)) with
            {
                OmittedWhenNull = info.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault,
            };
        });

    public override string ToString() => Name(Type) + (Nullable ? "?" : "");

    private static string Name(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>"
        : type.Name;
}

using System.Text.Json.Serialization;
using QuantPulse.Model;

namespace QuantPulse.Storage.Internal;

/// <summary>The JSON form of stored confirmations: an array of <c>{"name", "agrees", "detail"}</c> objects.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SignalConfirmation[]))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;

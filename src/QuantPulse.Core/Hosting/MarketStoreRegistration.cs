namespace QuantPulse.Hosting;

/// <summary>A store added with <c>AddMarketStore</c>: the provider name that selects it and its factory's type.</summary>
/// <remarks>Kept apart from the factory, so validating the options never needs a factory (which reads them).</remarks>
/// <param name="Name">The value of <c>QuantPulse:Storage:Provider</c> that selects the store (any case).</param>
/// <param name="FactoryType">The <see cref="IMarketStoreFactory"/> implementation.</param>
internal sealed record MarketStoreRegistration(string Name, Type FactoryType)
{
    /// <summary>The registration <paramref name="provider"/> names, in any case, or null.</summary>
    public static MarketStoreRegistration? Find(IEnumerable<MarketStoreRegistration> stores, string provider) =>
        stores.FirstOrDefault(s => string.Equals(s.Name, provider, StringComparison.OrdinalIgnoreCase));
}

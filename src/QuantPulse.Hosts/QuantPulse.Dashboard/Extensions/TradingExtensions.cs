using QuantPulse.Dashboard.Feed;
using QuantPulse.Dashboard.Trading;
using QuantPulse.Hosting;

namespace QuantPulse.Dashboard.Extensions;

/// <summary>Registers the terminal's broker (paper unless <c>QuantPulse:Trading:Broker</c> says alpaca).</summary>
internal static class TradingExtensions
{
    public static WebApplicationBuilder AddTerminalBroker(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TradingHostOptions>().BindConfiguration(TradingHostOptions.Section);
        builder.Services.AddSingleton<TerminalBroker>();
        builder.Services.AddSingleton<IPipelineContributor>(sp => sp.GetRequiredService<TerminalBroker>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TerminalBroker>());
        builder.Services.AddHostedService<OrderFeed>();
        builder.Services.AddSingleton(sp => TerminalFeed.Create(
            sp.GetRequiredService<TerminalBroker>(), sp.GetRequiredService<SourceMonitor>(), sp.GetRequiredService<LiveMarketState>()));
        return builder;
    }
}

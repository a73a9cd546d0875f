using Bunit;
using QuantPulse.Dashboard.Components.Shared;
using QuantPulse.Model;

namespace QuantPulse.Dashboard.Tests.Components;

public sealed class TradeTicketTests : BunitContext
{
    [Theory]
    [InlineData(SignalType.Buy, 99, 102, null)]
    [InlineData(SignalType.Buy, 101, 102, "A BUY needs its stop loss below the price.")]
    [InlineData(SignalType.Buy, 99, 100, "A BUY needs its take profit above the price.")]
    [InlineData(SignalType.Sell, 101, 98, null)]
    [InlineData(SignalType.Sell, 99, 98, "A SELL needs its stop loss above the price.")]
    [InlineData(SignalType.Sell, 101, 100.5, "A SELL needs its take profit below the price.")]
    [InlineData(SignalType.Buy, -1, 102, "Stop loss and take profit must be positive prices.")]
    public void Validate_LevelsAroundThePrice_AcceptsOnlyTheRightSides(SignalType direction, double stopLoss, double takeProfit, string? expected) =>
        Assert.Equal(expected, TradeTicket.Validate(direction, 100m, (decimal)stopLoss, (decimal)takeProfit));

    [Fact]
    public void Validate_NoPrice_AsksToWait() =>
        Assert.Equal("No price yet: wait for the first tick.", TradeTicket.Validate(SignalType.Buy, null, null, null));

    [Fact]
    public void Buy_WithDefaults_PrefillsTheLevelsAndSubmitsThem()
    {
        ManualTradeTicket? sent = null;
        var ticket = Render<TradeTicket>(p => p
            .Add(c => c.Asset, "SIM_V100")
            .Add(c => c.Price, 100m)
            .Add(c => c.Defaults, (SignalType d, decimal price) => d == SignalType.Buy ? (price - 2m, price + 4m) : (price + 2m, price - 4m))
            .Add(c => c.OnSubmit, (ManualTradeTicket t) => sent = t));

        ticket.Find("[data-testid=buy-button]").Click();
        Assert.Equal("98", ticket.Find("[data-testid=stop-loss]").GetAttribute("value"));
        Assert.Equal("104", ticket.Find("[data-testid=take-profit]").GetAttribute("value"));
        ticket.Find("[data-testid=confirm-trade]").Click();

        Assert.Equal(new ManualTradeTicket("SIM_V100", SignalType.Buy, 98m, 104m), sent);
        Assert.Empty(ticket.FindAll("[data-testid=trade-ticket]"));
    }

    [Fact]
    public void Sell_WithLevelsOnTheWrongSide_ShowsTheErrorAndSendsNothing()
    {
        ManualTradeTicket? sent = null;
        var ticket = Render<TradeTicket>(p => p
            .Add(c => c.Asset, "SIM_V100")
            .Add(c => c.Price, 100m)
            .Add(c => c.OnSubmit, (ManualTradeTicket t) => sent = t));

        ticket.Find("[data-testid=sell-button]").Click();
        ticket.Find("[data-testid=stop-loss]").Change("95");
        ticket.Find("[data-testid=take-profit]").Change("90");
        ticket.Find("[data-testid=confirm-trade]").Click();

        Assert.Null(sent);
        Assert.Equal("A SELL needs its stop loss above the price.", ticket.Find("[data-testid=trade-error]").TextContent);
    }

    [Fact]
    public void Buttons_BeforeTheFirstPrice_AreDisabled()
    {
        var ticket = Render<TradeTicket>(p => p.Add(c => c.Asset, "SIM_V100"));

        Assert.True(ticket.Find("[data-testid=buy-button]").HasAttribute("disabled"));
        Assert.True(ticket.Find("[data-testid=sell-button]").HasAttribute("disabled"));
    }
}

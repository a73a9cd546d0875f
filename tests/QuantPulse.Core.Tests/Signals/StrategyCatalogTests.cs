using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using QuantPulse.Signals;

namespace QuantPulse.Tests.Signals;

/// <summary>The strategy catalog's integrity: stable unique IDs, schemas that match the options classes, configuration binding.</summary>
public class StrategyCatalogTests
{
    public static TheoryData<string> Ids => [.. StrategyCatalog.All.Select(d => d.Id)];

    [Fact]
    public void All_Ids_AreTheStableSetAndUnique()
    {
        var ids = StrategyCatalog.All.Select(d => d.Id).ToArray();

        Assert.Equal(["ema-rsi", "utbot"], ids);
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Parameters_Schema_DefaultsInsideRangesAndEqualToTheOptionsDefaults(string id)
    {
        var descriptor = StrategyCatalog.Get(id);
        var defaults = Activator.CreateInstance(descriptor.OptionsType)!;

        Assert.Equal(descriptor.Parameters.Count, descriptor.Parameters.Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var parameter in descriptor.Parameters)
        {
            Assert.True(parameter.Minimum <= parameter.Default && parameter.Default <= parameter.Maximum, $"{id}.{parameter.Name} default outside range");
            Assert.False(string.IsNullOrWhiteSpace(parameter.Description));
            Assert.Equal(parameter.Default, ValueOf(descriptor.OptionsType.GetProperty(parameter.Name)!.GetValue(defaults)));
            if (parameter.Type != StrategyParameterType.Number)
            {
                Assert.Equal(Math.Floor(parameter.Default), parameter.Default);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Parameters_Names_AreExactlyTheOptionsProperties(string id)
    {
        var descriptor = StrategyCatalog.Get(id);
        var properties = descriptor.OptionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => p.Name);

        Assert.Equal(properties.Order(), descriptor.Parameters.Select(p => p.Name).Order());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Options_Setters_AcceptTheDeclaredRangeAndRejectBeyondIt(string id)
    {
        var descriptor = StrategyCatalog.Get(id);
        foreach (var parameter in descriptor.Parameters.Where(p => p.Type != StrategyParameterType.Boolean))
        {
            var property = descriptor.OptionsType.GetProperty(parameter.Name)!;
            var options = Activator.CreateInstance(descriptor.OptionsType)!;
            var step = parameter.Type == StrategyParameterType.Integer ? 1 : 0.001;

            property.SetValue(options, Convert.ChangeType(parameter.Minimum, property.PropertyType, CultureInfo.InvariantCulture));
            property.SetValue(options, Convert.ChangeType(parameter.Maximum, property.PropertyType, CultureInfo.InvariantCulture));
            foreach (var outside in new[] { parameter.Minimum - step, parameter.Maximum + step })
            {
                var ex = Assert.Throws<TargetInvocationException>(() =>
                    property.SetValue(options, Convert.ChangeType(outside, property.PropertyType, CultureInfo.InvariantCulture)));
                Assert.Equal(parameter.Name, Assert.IsType<ArgumentOutOfRangeException>(ex.InnerException).ParamName);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Create_EachParameterNotDefault_ReachesTheMatchingOptionsProperty(string id)
    {
        // One parameter at a time, so a value wired to the wrong property shows, and cross-field rules hold.
        var descriptor = StrategyCatalog.Get(id);
        foreach (var parameter in descriptor.Parameters)
        {
            var value = parameter.Type == StrategyParameterType.Boolean ? 1 - parameter.Default
                : parameter.Name == "FastPeriod" ? parameter.Minimum
                : parameter.Name == "RsiOversold" ? parameter.Default - 5
                : parameter.Default + 1;

            var spec = StrategySpec.Create(id, [new(parameter.Name, value)]);

            Assert.Equal(value, ValueOf(descriptor.OptionsType.GetProperty(parameter.Name)!.GetValue(spec.Options)));
            Assert.Equal(value, spec.Parameters[parameter.Name]);
            Assert.Equal(descriptor.Id, spec.Id);
        }
    }

    [Fact]
    public void TryCreate_TextValues_ParsesNumbersAndSwitches()
    {
        Assert.True(StrategySpec.TryCreate("UTBOT", new Dictionary<string, string> { ["keyvalue"] = "2.5", ["UseHeikinAshi"] = "true" }, out var spec, out var error), error);

        var options = Assert.IsType<UtBotOptions>(spec.Options);
        Assert.Equal(2.5, options.KeyValue);
        Assert.True(options.UseHeikinAshi);
        Assert.Equal("utbot(KeyValue=2.5,AtrPeriod=10,UseHeikinAshi=true,TrendPeriod=0,MinConfirmations=0)", spec.ToString());
    }

    [Theory]
    [InlineData("macd-cross", null, null, "Unknown strategy ID 'macd-cross'. Known IDs: ema-rsi, utbot.")]
    [InlineData("ema-rsi", "Period", "9", "ema-rsi has no parameter 'Period'")]
    [InlineData("ema-rsi", "FastPeriod", "nine", "'nine' is not a valid whole number")]
    [InlineData("ema-rsi", "FastPeriod", "9.5", "must be a whole number")]
    [InlineData("ema-rsi", "RsiOverbought", "120", "must be between 50 and 100; got 120")]
    [InlineData("ema-rsi", "FastPeriod", "30", "FastPeriod (30) must be below SlowPeriod (21)")]
    [InlineData("utbot", "UseHeikinAshi", "maybe", "'maybe' is not a valid true or false value")]
    public void TryCreate_BadInput_FailsWithAClearError(string id, string? name, string? value, string expected)
    {
        var parameters = name is null ? null : new Dictionary<string, string> { [name] = value! };

        Assert.False(StrategySpec.TryCreate(id, parameters, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("ema-rsi", "FastPeriod", "30", "ema-rsi: FastPeriod (30) must be below SlowPeriod (21).")]
    [InlineData("utbot", "MinConfirmations", "2", "utbot: MinConfirmations (2) is more than the 1 confirmation(s) switched on; set TrendPeriod to add the trend check.")]
    public void TryCreate_RuleBetweenParameters_ErrorIsTheRuleAlone(string id, string name, string value, string expected)
    {
        Assert.False(StrategySpec.TryCreate(id, new Dictionary<string, string> { [name] = value }, out _, out var error));

        Assert.Equal(expected, error);
    }

    [Fact]
    public void Create_NameGivenTwice_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => StrategySpec.Create("utbot", [new("KeyValue", 1), new("keyvalue", 2)]));

        Assert.Contains("given twice", ex.Message);
    }

    [Fact]
    public void Bind_StrategyOptionsFromConfiguration_ToSpec()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Strategy:Id"] = "ema-rsi",
            ["Strategy:Params:FastPeriod"] = "5",
            ["Strategy:Params:RsiOverbought"] = "65.5",
        }).Build();

        var options = configuration.GetSection("Strategy").Get<StrategyOptions>()!;
        var spec = options.ToSpec();

        var typed = Assert.IsType<EmaRsiOptions>(spec.Options);
        Assert.Equal(5, typed.FastPeriod);
        Assert.Equal(65.5, typed.RsiOverbought);
        Assert.Equal(21, typed.SlowPeriod);
    }

    [Fact]
    public void Bind_TypedOptionsFromConfiguration_SetsInitProperties()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["UtBot:KeyValue"] = "3",
            ["UtBot:AtrPeriod"] = "14",
            ["UtBot:UseHeikinAshi"] = "true",
            ["Risk:StopLossMode"] = "Percent",
            ["Risk:StopLossPercent"] = "0.25",
            ["Risk:MinRiskReward"] = "2",
        }).Build();

        var utbot = configuration.GetSection("UtBot").Get<UtBotOptions>()!;
        var risk = configuration.GetSection("Risk").Get<RiskRewardOptions>()!;

        Assert.Equal(3, utbot.KeyValue);
        Assert.Equal(14, utbot.AtrPeriod);
        Assert.True(utbot.UseHeikinAshi);
        Assert.Equal(RiskLevelMode.Percent, risk.StopLossMode);
        Assert.Equal(0.25, risk.StopLossPercent);
        Assert.Equal(2, risk.MinRiskReward);
    }

    [Fact]
    public void Bind_TypedOptionsOutOfRange_ThrowsNamingTheProperty()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["UtBot:KeyValue"] = "0",
        }).Build();

        var ex = Assert.ThrowsAny<Exception>(() => configuration.GetSection("UtBot").Get<UtBotOptions>());

        Assert.Contains("KeyValue", (ex.InnerException ?? ex).Message);
    }

    [Fact]
    public void Of_BadId_Throws()
    {
        Assert.Throws<ArgumentException>(() => StrategySpec.Of("my strategy", _ => null));
        Assert.Throws<ArgumentException>(() => StrategySpec.Of("a:b", _ => null));
    }

    private static double ValueOf(object? value) => value switch
    {
        bool b => b ? 1 : 0,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };
}

using System.Reflection;
using QuantPulse.Indicators;

namespace QuantPulse.Tests.Indicators;

/// <summary>The catalog's integrity: stable unique IDs, consistent schemas, names that match the indicators.</summary>
public class IndicatorCatalogTests
{
    public static TheoryData<string> Ids => [.. IndicatorCatalog.BuiltIn.Select(d => d.Id)];

    [Fact]
    public void All_Ids_AreTheStableSetAndUnique()
    {
        var ids = IndicatorCatalog.BuiltIn.Select(d => d.Id).ToArray();

        Assert.Equal(
            ["EMA", "SMA", "SMMA", "RSI", "ATR", "TR", "MACD", "BB", "STDEV", "HA", "SUPERTREND", "ATR-STOP", "ADX", "STOCH", "CCI", "WILLR", "OBV", "VWAP", "DONCHIAN", "KELTNER"],
            ids);
        Assert.Equal(ids, IndicatorCatalog.All.Take(ids.Length).Select(d => d.Id));
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Parameters_Schema_DefaultsInsideRangesAndNamesUnique(string id)
    {
        var descriptor = IndicatorCatalog.Get(id);

        Assert.Equal(descriptor.Parameters.Count, descriptor.Parameters.Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var parameter in descriptor.Parameters)
        {
            Assert.True(parameter.Minimum <= parameter.Default && parameter.Default <= parameter.Maximum, $"{id}.{parameter.Name} default outside range");
            Assert.False(string.IsNullOrWhiteSpace(parameter.Description));
            if (parameter.Type != IndicatorParameterType.Number)
            {
                Assert.Equal(Math.Floor(parameter.Default), parameter.Default);
            }

            if (parameter.Type == IndicatorParameterType.Choice)
            {
                Assert.Equal(0, parameter.Minimum);
                Assert.Equal(parameter.Choices.Count - 1, parameter.Maximum);
            }
            else
            {
                Assert.Empty(parameter.Choices);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Parameters_Names_MatchIndicatorProperties(string id)
    {
        // Values other than the defaults, so a parameter wired to the wrong constructor argument shows.
        var descriptor = IndicatorCatalog.Get(id);
        var values = descriptor.Parameters.Select((p, i) => new KeyValuePair<string, double>(
            p.Name, p.Type == IndicatorParameterType.Choice ? p.Maximum : p.Default + i + 1)).ToArray();
        var spec = IndicatorSpec.Create(id, values);

        var indicator = spec.CreateIndicator();

        Assert.IsType(descriptor.IndicatorType, indicator);
        foreach (var (name, value) in values)
        {
            var property = descriptor.IndicatorType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
                ?? descriptor.IndicatorType.GetProperty(name + "Period", BindingFlags.Public | BindingFlags.Instance);
            Assert.True(property is not null, $"{descriptor.IndicatorType.Name} has no property {name} or {name}Period");
            Assert.Equal(value, Convert.ToDouble(property.GetValue(indicator), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Create_Defaults_SpecTextIsIndicatorName(string id)
    {
        var spec = IndicatorSpec.Create(id);

        var indicator = spec.CreateIndicator();

        Assert.Equal(spec.ToString(), indicator.Name);
        Assert.Equal(spec, IndicatorSpec.Parse(indicator.Name));
        Assert.NotEmpty(spec.Columns);
    }

    [Fact]
    public void All_Defaults_ProduceDistinctColumns()
    {
        var set = new IndicatorSet(IndicatorCatalog.BuiltIn.Select(d => IndicatorSpec.Create(d.Id)));

        Assert.Equal(IndicatorCatalog.BuiltIn.Sum(d => IndicatorSpec.Create(d.Id).Columns.Count), set.Columns.Count);
    }

    [Fact]
    public void TryGet_AnyCase_FindsDescriptor()
    {
        Assert.True(IndicatorCatalog.TryGet("bb", out var descriptor));
        Assert.Equal("BB", descriptor.Id);
        Assert.False(IndicatorCatalog.TryGet("BOLL", out _));
        Assert.False(IndicatorCatalog.TryGet(null, out _));
    }

    [Fact]
    public void Get_UnknownId_ThrowsListingKnownIds()
    {
        var ex = Assert.Throws<ArgumentException>(() => IndicatorCatalog.Get("ICHIMOKU"));

        Assert.Contains("'ICHIMOKU'", ex.Message);
        Assert.Contains("EMA, SMA, SMMA, RSI, ATR, TR, MACD, BB, STDEV, HA, SUPERTREND, ATR-STOP, ADX, STOCH, CCI, WILLR, OBV, VWAP, DONCHIAN, KELTNER", ex.Message);
    }
}

using System.Text.Json;
using QuantPulse.Model;

namespace QuantPulse.Storage.Internal;

/// <summary>How domain values map to column values, shared by every backend.</summary>
internal static class StorageFormat
{
    public static string ToText(SignalType type) => type switch
    {
        SignalType.Buy => "BUY",
        SignalType.Sell => "SELL",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown signal type."),
    };

    public static SignalType ParseSignalType(string text) => text switch
    {
        "BUY" => SignalType.Buy,
        "SELL" => SignalType.Sell,
        _ => throw new InvalidDataException($"'{text}' is not a stored signal type (BUY or SELL)."),
    };

    public static string? ToText(TradeResult? result) => result switch
    {
        null => null,
        TradeResult.Win => "WIN",
        TradeResult.Loss => "LOSS",
        TradeResult.Expired => "EXPIRED",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Unknown trade result."),
    };

    public static TradeResult? ParseTradeResult(string? text) => text switch
    {
        null => null,
        "WIN" => TradeResult.Win,
        "LOSS" => TradeResult.Loss,
        "EXPIRED" => TradeResult.Expired,
        _ => throw new InvalidDataException($"'{text}' is not a stored trade result (WIN, LOSS or EXPIRED)."),
    };

    /// <summary>The trade direction, which is not a column: a target above the entry is a long trade.</summary>
    public static SignalType DirectionOf(decimal entryPrice, decimal takeProfit) =>
        takeProfit > entryPrice ? SignalType.Buy : SignalType.Sell;

    public static string ToJson(IReadOnlyList<SignalConfirmation> confirmations)
    {
        ArgumentNullException.ThrowIfNull(confirmations);
        var array = confirmations as SignalConfirmation[] ?? [.. confirmations];
        return JsonSerializer.Serialize(array, StorageJsonContext.Default.SignalConfirmationArray);
    }

    public static IReadOnlyList<SignalConfirmation> ConfirmationsFromJson(string json) =>
        JsonSerializer.Deserialize(json, StorageJsonContext.Default.SignalConfirmationArray)
        ?? throw new InvalidDataException("Stored confirmations are JSON null instead of an array.");

    /// <summary>Checks a candle before it is stored: only closed candles of a valid timeframe are.</summary>
    public static void CheckStorable(Candle candle)
    {
        ArgumentNullException.ThrowIfNull(candle);
        if (!candle.IsClosed)
        {
            throw new ArgumentException($"Only closed candles are stored; {candle.Symbol} {candle.Timeframe} at {candle.OpenTime:O} is still forming.", nameof(candle));
        }

        if (!candle.Timeframe.IsValid)
        {
            throw new ArgumentException($"Candle {candle.Symbol} at {candle.OpenTime:O} has no valid timeframe.", nameof(candle));
        }
    }

    /// <summary>Checks a query range.</summary>
    public static void CheckRange(DateTimeOffset from, DateTimeOffset to, string toName)
    {
        if (to < from)
        {
            throw new ArgumentException($"The range ends ({to:O}) before it starts ({from:O}).", toName);
        }
    }
}

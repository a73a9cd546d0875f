namespace QuantPulse.Trading;

/// <summary>
/// The snake_case wire names of the trading enums (<c>buy</c>, <c>stop_limit</c>, <c>partially_filled</c>,
/// <c>max_notional</c>…), as the API, the database and Alpaca spell them.
/// </summary>
public static class TradingNames
{
    private static readonly Dictionary<string, OrderSide> Sides = Table<OrderSide>();
    private static readonly Dictionary<string, OrderType> Types = Table<OrderType>();
    private static readonly Dictionary<string, TimeInForce> Durations = Table<TimeInForce>();
    private static readonly Dictionary<string, OrderStatus> Statuses = Table<OrderStatus>();
    private static readonly Dictionary<string, OrderLeg> Legs = Table<OrderLeg>();

    /// <summary>The wire name of a value of a trading enum: <c>StopLimit</c> → <c>stop_limit</c>.</summary>
    /// <typeparam name="T">The enum.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The snake_case name.</returns>
    public static string ToWire<T>(T value)
        where T : struct, Enum => Snake(value.ToString());

    /// <summary>Parses a side (<c>buy</c>, <c>sell</c>), ignoring case.</summary>
    /// <param name="text">The text.</param>
    /// <param name="side">The side when it parses.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParseSide(string? text, out OrderSide side) => TryParse(Sides, text, out side);

    /// <summary>Parses an order type (<c>market</c>, <c>limit</c>, <c>stop</c>, <c>stop_limit</c>), ignoring case.</summary>
    /// <param name="text">The text.</param>
    /// <param name="type">The type when it parses.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParseType(string? text, out OrderType type) => TryParse(Types, text, out type);

    /// <summary>Parses a time in force (<c>day</c>, <c>gtc</c>, <c>ioc</c>, <c>fok</c>), ignoring case.</summary>
    /// <param name="text">The text.</param>
    /// <param name="timeInForce">The time in force when it parses.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParseTimeInForce(string? text, out TimeInForce timeInForce) => TryParse(Durations, text, out timeInForce);

    /// <summary>Parses a status (<c>accepted</c>, <c>partially_filled</c>…), ignoring case.</summary>
    /// <param name="text">The text.</param>
    /// <param name="status">The status when it parses.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParseStatus(string? text, out OrderStatus status) => TryParse(Statuses, text, out status);

    /// <summary>Parses a bracket leg (<c>none</c>, <c>take_profit</c>, <c>stop_loss</c>), ignoring case.</summary>
    /// <param name="text">The text.</param>
    /// <param name="leg">The leg when it parses.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParseLeg(string? text, out OrderLeg leg) => TryParse(Legs, text, out leg);

    private static bool TryParse<T>(Dictionary<string, T> table, string? text, out T value)
        where T : struct
    {
        value = default;
        return text is not null && table.TryGetValue(text.Trim(), out value);
    }

    private static Dictionary<string, T> Table<T>()
        where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(v => ToWire(v), v => v, StringComparer.OrdinalIgnoreCase);

    private static string Snake(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

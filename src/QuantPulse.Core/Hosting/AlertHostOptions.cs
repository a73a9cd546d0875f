using QuantPulse.Alerts;

namespace QuantPulse.Hosting;

/// <summary>The <c>QuantPulse:Alerts</c> section: rules declared in configuration and the webhook.</summary>
public sealed class AlertHostOptions
{
    /// <summary>Whether alerts are evaluated at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Rules declared in configuration, each with a unique <c>Name</c>. At each start they replace the stored rules
    /// of the same name that came from configuration; configuration rules no longer listed are deleted.
    /// </summary>
    public IList<AlertRuleOptions> Rules { get; } = [];

    /// <summary>The webhook every trigger is posted to (off unless <c>Url</c> is set).</summary>
    public AlertWebhookOptions Webhook { get; set; } = new();

    /// <summary>Triggers waiting to be stored and delivered before new ones are dropped (and counted). Default 10,000.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>The most rules evaluated at once. Default 10,000.</summary>
    public int MaxRules { get; set; } = 10_000;

    /// <summary>The problems of the section, each in one line naming its key.</summary>
    internal IEnumerable<string> Validate()
    {
        const string Prefix = "QuantPulse:Alerts:";
        foreach (var problem in Webhook.Validate())
        {
            yield return Prefix + "Webhook:" + problem;
        }

        if (QueueCapacity is < 1 or > 1_000_000)
        {
            yield return Prefix + "QueueCapacity must be from 1 to 1000000.";
        }

        if (MaxRules is < 1 or > 1_000_000)
        {
            yield return Prefix + "MaxRules must be from 1 to 1000000.";
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                yield return $"{Prefix}Rules:{i}: 'Name' is required for a rule declared in configuration.";
            }
            else if (!names.Add(rule.Name.Trim()))
            {
                yield return $"{Prefix}Rules:{i}: the name '{rule.Name}' is used twice.";
            }
            else if (!rule.TryToRule(AlertOrigins.Configuration, out _, out var error))
            {
                yield return $"{Prefix}Rules:{i} ({rule.Name}): {error}";
            }
        }
    }
}

namespace QuantPulse.Alerts;

/// <summary>Where a trigger's webhook delivery stands.</summary>
public enum AlertDelivery
{
    /// <summary>No webhook is configured.</summary>
    None,

    /// <summary>Not delivered yet; attempts are under way.</summary>
    Pending,

    /// <summary>The webhook answered with a success status.</summary>
    Delivered,

    /// <summary>Every attempt failed, or the webhook refused the trigger.</summary>
    Failed,
}

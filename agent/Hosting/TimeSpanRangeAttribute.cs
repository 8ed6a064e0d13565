using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Cybercantal.Edge.Agent.Hosting;

/// <summary>
/// A <see cref="TimeSpan"/> setting must lie between two bounds (inclusive, invariant <c>c</c> format, e.g.
/// <c>"00:01:00"</c>). Replaces <c>[Range(typeof(TimeSpan), ...)]</c>, whose constructor needs a reflection-based
/// <c>TypeConverter</c> and is flagged by the trim and Native AOT analyzers (IL2026); the options validators
/// generated at compile time (<c>[OptionsValidator]</c>) instantiate this one like any validation attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class TimeSpanRangeAttribute : ValidationAttribute
{
    private readonly TimeSpan _minimum;
    private readonly TimeSpan _maximum;

    public TimeSpanRangeAttribute(string minimum, string maximum)
        : base("The field {0} must be between {1} and {2}.")
    {
        Minimum = minimum;
        Maximum = maximum;
        _minimum = TimeSpan.ParseExact(minimum, "c", CultureInfo.InvariantCulture);
        _maximum = TimeSpan.ParseExact(maximum, "c", CultureInfo.InvariantCulture);
    }

    public string Minimum { get; }

    public string Maximum { get; }

    /// <summary>Unset (null) is valid, as for <see cref="RangeAttribute"/>: <c>[Required]</c> says otherwise.</summary>
    public override bool IsValid(object? value) => value is not TimeSpan span || (span >= _minimum && span <= _maximum);

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.InvariantCulture, ErrorMessageString, name, Minimum, Maximum);
}

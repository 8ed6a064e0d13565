namespace Cybercantal.Edge.Agent.Cli;

/// <summary>
/// Splits a verb's arguments into its known options, its positional operands and the rest, which goes
/// to the .NET configuration system unchanged.
/// </summary>
public sealed class CommandArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CommandArguments()
    {
    }

    public IReadOnlyList<string> Operands { get; private set; } = [];

    public IReadOnlyList<string> Passthrough { get; private set; } = [];

    public string? Error { get; private set; }

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public bool Has(string flag) => _flags.Contains(flag);

    public static CommandArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> flags, IReadOnlyCollection<string> valueOptions)
    {
        var result = new CommandArguments();
        var operands = new List<string>();
        var passthrough = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (flags.Contains(arg))
            {
                result._flags.Add(arg);
            }
            else if (valueOptions.Contains(arg))
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    result.Error = $"option {arg} needs a value";
                    break;
                }

                result._values[arg] = args[++i];
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':', StringComparison.Ordinal))
            {
                // --Section:Key=value or --Section:Key value: configuration overrides.
                passthrough.Add(arg);
                if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    passthrough.Add(args[++i]);
                }
            }
            else if (arg.StartsWith('-'))
            {
                result.Error = $"unknown option {arg}";
                break;
            }
            else
            {
                operands.Add(arg);
            }
        }

        result.Operands = operands;
        result.Passthrough = passthrough;
        return result;
    }
}

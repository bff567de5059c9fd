namespace RegionCodec.Tools;

/// <summary>A command, its positional arguments and its --options.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    public Arguments(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                bool isFlag = a is "--force" or "--gray";
                _options[a] = isFlag || i + 1 >= args.Length ? null : args[++i];
            }
            else if (Command is null && a is not "-")
            {
                Command = a;
            }
            else
            {
                _positional.Add(a);
            }
        }
    }

    public string? Command { get; }

    public string Positional(int index, string name) =>
        index < _positional.Count ? _positional[index] : throw new UsageException($"missing {name}");

    public bool Flag(string name) => _options.ContainsKey(name);

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public int IntOption(string name, int fallback, int min, int max)
    {
        string? text = Option(name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, out int value) || value < min || value > max)
        {
            throw new UsageException($"{name} must be a whole number in {min}..{max}, not '{text}'");
        }

        return value;
    }
}

internal sealed class UsageException(string message) : Exception(message);

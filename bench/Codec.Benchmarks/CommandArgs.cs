using System.Globalization;

namespace RegionCodec.Benchmarks;

/// <summary>
/// The bench commands' arguments: <c>--name value</c> options with defaults, bare <c>--flag</c>s, and
/// <c>--help</c>/<c>-h</c>. A number that does not parse stops the command with a message naming the option.
/// </summary>
internal sealed class CommandArgs(string[] args)
{
    /// <summary>True when the user asked for the usage text.</summary>
    public bool WantsHelp => Has("--help") || Has("-h");

    /// <summary>True when <paramref name="flag"/> was given.</summary>
    public bool Has(string flag) => Array.IndexOf(args, flag) >= 0;

    /// <summary>The value after <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public string Text(string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>The value after <paramref name="name"/>, or null when it is absent or empty.</summary>
    public string? OptionalText(string name) => Text(name, "") is { Length: > 0 } value ? value : null;

    /// <summary>The comma-separated list after <paramref name="name"/>.</summary>
    public string[] List(string name, string fallback) => Text(name, fallback).Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The integer after <paramref name="name"/>.</summary>
    public int Int(string name, int fallback) => Parse(name, fallback, s => int.Parse(s, CultureInfo.InvariantCulture));

    /// <summary>The number after <paramref name="name"/>.</summary>
    public double Double(string name, double fallback) => Parse(name, fallback, s => double.Parse(s, CultureInfo.InvariantCulture));

    /// <summary>The comma-separated integers after <paramref name="name"/>.</summary>
    public int[] Ints(string name, string fallback) =>
        [.. List(name, fallback).Select(s => Parse(name, 0, _ => int.Parse(s, CultureInfo.InvariantCulture), s))];

    private T Parse<T>(string name, T fallback, Func<string, T> parse, string? text = null)
    {
        text ??= Text(name, "");
        if (text.Length == 0)
        {
            return fallback;
        }

        try
        {
            return parse(text);
        }
        catch (FormatException)
        {
            throw new BadArgumentException($"{name}: '{text}' is not a number");
        }
        catch (OverflowException)
        {
            throw new BadArgumentException($"{name}: '{text}' is out of range");
        }
    }
}

/// <summary>A bench command's argument that does not parse; the command exits 2 with its message.</summary>
internal sealed class BadArgumentException(string message) : Exception(message)
{
    /// <summary>Runs <paramref name="command"/>, turning a bad argument into its message and exit code 2.</summary>
    public static int Guard(string name, Func<int> command)
    {
        try
        {
            return command();
        }
        catch (BadArgumentException e)
        {
            Console.Error.WriteLine($"{name}: {e.Message}");
            return 2;
        }
    }
}

namespace RegionCodec.Tools;

/// <summary>"-" (standard input/output) passes through the command-line parser as a token it does not take for an option.</summary>
internal static class Stdio
{
    public const string Token = "\u241Fstdio";

    public static string[] ToTokens(string[] args) => args.Select(a => a == "-" ? Token : a).ToArray();

    public static string FromToken(string value) => value == Token ? "-" : value;
}

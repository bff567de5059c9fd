namespace RegionCodec.Tools;

/// <summary>
/// The command that started this process, as absolute paths: the apphost (<c>~/.dotnet/tools/rsgconv</c>, a
/// self-contained rsgconv) or the <c>dotnet</c> host followed by rsgconv.dll. What a desktop entry must run,
/// since file managers do not search the user's PATH.
/// </summary>
internal static class RunningProgram
{
    public static (string Program, IReadOnlyList<string> Arguments) Command()
    {
        string process = Environment.ProcessPath ?? throw new ToolException(ExitCodes.InternalError, "cannot tell this program's path; pass --program");
        if (string.Equals(Path.GetFileNameWithoutExtension(process), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            // `dotnet rsgconv.dll`: the host needs the assembly after it.
            string assembly = typeof(RunningProgram).Assembly.Location;
            return (process, [assembly]);
        }

        return (process, []);
    }
}

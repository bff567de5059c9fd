using System.Diagnostics;

namespace RegionCodec.Shell.Tests;

internal static class Repo
{
    public static string Root { get; } = Find();

    public static string Valid(string name) => Path.Combine(Root, "spec", "conformance", "valid", name);

    public static string Invalid => Path.Combine(Root, "spec", "conformance", "invalid");

    private static string Find()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "spec", "conformance", "manifest.txt")))
            {
                return dir;
            }
        }

        throw new DirectoryNotFoundException("repository root (spec/conformance/manifest.txt) not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Runs external programs; a missing program fails the test with the Debian package that provides it.</summary>
internal static class Run
{
    public static (int ExitCode, string Output, string Error) Tool(string program, string package, IEnumerable<string> args,
        IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"'{program}' is not installed: apt-get install {package} ({e.Message})");
            throw;
        }

        using (process)
        {
            Task<string> error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(120_000), $"{program} timed out");
            return (process.ExitCode, output, error.Result);
        }
    }

    /// <summary>Fails (never skips) when a required program is missing.</summary>
    public static void Require(string program, string package)
    {
        string? path = Environment.GetEnvironmentVariable("PATH");
        bool found = (path ?? "").Split(':').Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, program)));
        Assert.True(found, $"'{program}' is not on PATH: apt-get install {package}");
    }
}

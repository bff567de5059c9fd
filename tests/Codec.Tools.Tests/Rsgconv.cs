using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace RegionCodec.Tools.Tests;

/// <summary>The result of one rsgconv run.</summary>
public sealed record RunResult(int ExitCode, byte[] Stdout, string Stderr)
{
    public string Out => System.Text.Encoding.UTF8.GetString(Stdout);

    public override string ToString() => $"exit {ExitCode}\nstdout: {(Stdout.Length > 2000 ? $"{Stdout.Length} bytes" : Out)}\nstderr: {Stderr}";
}

/// <summary>Runs the built rsgconv.dll with `dotnet`, as users do, with a timeout.</summary>
public static class Rsgconv
{
    public static string RepoRoot { get; } = FindRoot();

    public static string ToolDirectory { get; } = FindTool();

    public static string Dll => Path.Combine(ToolDirectory, "rsgconv.dll");

    public static string Kodim23 => Path.Combine(RepoRoot, "samples", "kodim23.png");

    public static string TestImage(string name) => Path.Combine(RepoRoot, "tests", "Codec.Tests", "TestData", name);

    public static RunResult Run(string workingDirectory, byte[]? stdin, params string[] args) =>
        RunWith(Dll, workingDirectory, stdin, null, args);

    public static RunResult RunWith(string dll, string workingDirectory, byte[]? stdin, IDictionary<string, string>? environment, params string[] args) =>
        RunProgram("dotnet", [dll, .. args], workingDirectory, stdin, environment, TimeSpan.FromSeconds(120));

    /// <summary>Runs any program (the native rsgconv, dotnet publish) the same way, killed after <paramref name="timeout"/>.</summary>
    public static RunResult RunProgram(string program, string workingDirectory, TimeSpan timeout, params string[] args) =>
        RunProgram(program, args, workingDirectory, null, null, timeout);

    private static RunResult RunProgram(string program, string[] args, string workingDirectory, byte[]? stdin, IDictionary<string, string>? environment, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (KeyValuePair<string, string> kv in environment ?? new Dictionary<string, string>())
        {
            info.Environment[kv.Key] = kv.Value;
        }

        using var process = Process.Start(info)!;
        var stdout = new MemoryStream();
        Task copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        Task<string> readErr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null)
            {
                process.StandardInput.BaseStream.Write(stdin);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The tool exited before reading all input (an error case): fine.
        }

        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} {string.Join(' ', args)} did not finish in {timeout.TotalSeconds} s");
        }

        copyOut.Wait();
        return new RunResult(process.ExitCode, stdout.ToArray(), readErr.Result);
    }

    public static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RegionCodec.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RegionCodec.sln not found above " + AppContext.BaseDirectory);
    }

    private static string FindTool()
    {
        // Same configuration as this test assembly (bin/Release/net10.0 or bin/Debug/net10.0).
        string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        string dir = Path.Combine(FindRoot(), "Codec.Tools", "bin", configuration, "net10.0");
        return File.Exists(Path.Combine(dir, "rsgconv.dll")) ? dir : throw new InvalidOperationException($"rsgconv.dll not built in {dir}");
    }
}

/// <summary>A fresh temporary directory per test.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = Directory.CreateTempSubdirectory("rsgconv-test-").FullName;
    }

    public string Path { get; }

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public RunResult Run(params string[] args) => Rsgconv.Run(Path, null, args);

    public RunResult RunWithInput(byte[] stdin, params string[] args) => Rsgconv.Run(Path, stdin, args);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

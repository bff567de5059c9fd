using System.Diagnostics;
using System.Globalization;

namespace RegionCodec.Tools.Tests;

/// <summary>Ctrl+C (SIGINT) ends a long single command with exit 130 within seconds, leaving no output or temporary file.</summary>
public sealed class CancellationTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("--threads", "1", "--target-size", "150KB")] // the target-size search: several trial encodes
    [InlineData("--threads", "1", "--segment", "activity")] // a managed segmenter, then one big encode
    [InlineData("--threads", "1", "--segment", "grabcut")] // OpenCV calls, then the rate allocator's trial encodes
    public async Task SigintDuringAnEncodeExits130WithinSecondsAndLeavesNothing(params string[] options)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        Expect.WriteNoisePpm(_dir["big.ppm"], 2400, 2400);
        using Process process = Start(["encode", "big.ppm", "out.rsg", .. options]);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        await Task.Delay(1500); // well inside the work: loading, segmenting or encoding
        if (process.HasExited)
        {
            Assert.Fail($"the encode ended (exit {process.ExitCode}) before the signal; the test image is too small: {await stdout}{await stderr}");
        }

        var sinceSignal = Stopwatch.StartNew();
        Interrupt(process.Id);
        bool exited = process.WaitForExit(10_000);
        sinceSignal.Stop();
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
        }

        Assert.True(exited && sinceSignal.Elapsed < TimeSpan.FromSeconds(5), $"still running {sinceSignal.Elapsed.TotalSeconds:F1} s after SIGINT");
        Expect.OneLine(new RunResult(process.ExitCode, [], await stderr), 130, "interrupted");
        Expect.NothingLeft(_dir, "out.rsg");
    }

    /// <summary>Sends SIGINT as a terminal's Ctrl+C does (kill(1), so no native interop in the test).</summary>
    private static void Interrupt(int pid)
    {
        var info = new ProcessStartInfo("kill", ["-INT", pid.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardError = true };
        using Process kill = Process.Start(info)!;
        string error = kill.StandardError.ReadToEnd();
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"kill -INT {pid} failed: {error}");
    }

    private Process Start(string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Rsgconv.Dll);
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info)!;
    }
}

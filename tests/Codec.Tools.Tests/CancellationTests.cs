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

        // Big enough that every variant is still at work 1.5 s in on a quiet machine (the encode of a 2400x2400 image
        // with grabcut, which finds nothing in noise, can end before that).
        Expect.WriteNoisePpm(_dir["big.ppm"], 4000, 4000);
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

    /// <summary>
    /// Sends SIGINT as a terminal's Ctrl+C does (kill(1), so no native interop in the test). When this test process
    /// inherited SIGINT as ignored (a test run started in the background of a non-interactive shell), the child
    /// inherits that too and can never see SIGINT, so SIGTERM stands in: rsgconv handles both alike.
    /// </summary>
    private static void Interrupt(int pid)
    {
        string signal = SigintIgnored() ? "-TERM" : "-INT";
        var info = new ProcessStartInfo("kill", [signal, pid.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardError = true };
        using Process kill = Process.Start(info)!;
        string error = kill.StandardError.ReadToEnd();
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"kill {signal} {pid} failed: {error}");
    }

    /// <summary>Whether this process ignores SIGINT (bit 1 of SigIgn in /proc/self/status).</summary>
    private static bool SigintIgnored()
    {
        string line = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return (ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 0b10) != 0;
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

using System.Diagnostics;
using System.Text;

namespace RegionCodec.Shell.Windows.Tests;

/// <summary>The outcome of one program run.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Runs a program to its end with a time limit, capturing both output streams.</summary>
internal static class ProcessRunner
{
    /// <summary>How long to wait for the pipes to close after the program exited (a helper it started may hold them).</summary>
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(5);

    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    /// <param name="captureOutput">False for daemons' launchers, whose children would keep captured pipes open.</param>
    public static ProcessResult Run(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null, bool captureOutput = true)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = captureOutput,
            RedirectStandardError = captureOutput,
            RedirectStandardInput = true,       // an empty stdin: nothing ever waits on the test's terminal
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach ((string key, string? value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var output = new StringBuilder();
        var error = new StringBuilder();
        using var outputClosed = new ManualResetEventSlim(!captureOutput);
        using var errorClosed = new ManualResetEventSlim(!captureOutput);
        using Process process = new() { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data, outputClosed);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data, errorClosed);
        process.Start();
        process.StandardInput.Close();
        if (captureOutput)
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        TimeSpan limit = timeout ?? TimeSpan.FromMinutes(3);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} ran longer than {limit}");
        }

        outputClosed.Wait(DrainTime);
        errorClosed.Wait(DrainTime);
        lock (output)
        {
            lock (error)
            {
                return new ProcessResult(process.ExitCode, output.ToString(), error.ToString());
            }
        }
    }

    private static void Append(StringBuilder text, string? line, ManualResetEventSlim closed)
    {
        if (line is null)
        {
            closed.Set();
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }
}

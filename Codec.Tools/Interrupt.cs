using System.Runtime.InteropServices;

namespace RegionCodec.Tools;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM: cancel the token so the running command unwinds and deletes its temporary files,
/// then exit 130. Some stages cannot be interrupted (one OpenCV call, ImageSharp decoding a large PNG), so if the
/// command has not ended <see cref="Grace"/> after the signal, the temporary files are deleted here and the
/// process exits 130 anyway: "within about a second, nothing left behind" holds for every stage.
/// </summary>
internal static class Interrupt
{
    /// <summary>How long the command gets to unwind on its own.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(700);

    private static readonly CancellationTokenSource Source = new();
    private static readonly HashSet<string> TemporaryFiles = [];
    private static readonly List<PosixSignalRegistration> Registrations = [];

    /// <summary>Held while a temporary file becomes an output, so the watchdog never exits half-way through a rename.</summary>
    public static Lock CommitLock { get; } = new();

    public static CancellationToken Token => Source.Token;

    public static bool Requested => Source.IsCancellationRequested;

    public static void Install()
    {
        foreach (PosixSignal signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            Registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true; // do not die at once: the command deletes its own temporary files first
                Request();
            }));
        }
    }

    /// <summary>Remembers a temporary file that the watchdog deletes if the command does not unwind in time.</summary>
    public static void Track(string path)
    {
        lock (TemporaryFiles)
        {
            TemporaryFiles.Add(path);
        }
    }

    public static void Untrack(string path)
    {
        lock (TemporaryFiles)
        {
            TemporaryFiles.Remove(path);
        }
    }

    private static void Request()
    {
        if (Source.IsCancellationRequested)
        {
            return;
        }

        Source.Cancel();
        _ = Task.Delay(Grace).ContinueWith(_ => ExitNow(), TaskScheduler.Default);
    }

    /// <summary>The command did not unwind in time: clean up and leave with the interrupted exit code.</summary>
    private static void ExitNow()
    {
        lock (CommitLock)
        {
            lock (TemporaryFiles)
            {
                foreach (string file in TemporaryFiles)
                {
                    try
                    {
                        File.Delete(file);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // Best effort: nothing more can be done on the way out.
                    }
                }
            }

            Console.Error.WriteLine("rsgconv: interrupted");
            Console.Error.Flush();
            Environment.Exit(ExitCodes.Cancelled);
        }
    }
}

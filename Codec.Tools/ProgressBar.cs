namespace RegionCodec.Tools;

/// <summary>
/// A one-line progress bar on standard error, redrawn at most ten times a second. Only when standard
/// error is a terminal (not redirected, TERM not "dumb"): in pipes and CI logs it prints nothing, so no
/// control characters end up in logs; standard output is never touched.
/// </summary>
internal sealed class ProgressBar : IDisposable
{
    private readonly object _gate = new();
    private readonly int _total;
    private readonly bool _live;
    private readonly Timer? _timer;
    private int _done;
    private int _failed;
    private long _bytesIn;
    private long _bytesOut;
    private int _lastLength;

    public ProgressBar(int total, bool enabled)
    {
        _total = total;
        _live = enabled && IsTerminal;
        if (_live)
        {
            _timer = new Timer(_ => Draw(), null, 0, 100);
        }
    }

    public static bool IsTerminal => !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";

    public void Completed(long bytesIn, long bytesOut, bool failed)
    {
        Interlocked.Increment(ref _done);
        Interlocked.Add(ref _bytesIn, bytesIn);
        Interlocked.Add(ref _bytesOut, bytesOut);
        if (failed)
        {
            Interlocked.Increment(ref _failed);
        }
    }

    /// <summary>Prints a line on standard error above the bar.</summary>
    public void WriteLine(string line)
    {
        lock (_gate)
        {
            Clear();
            Console.Error.WriteLine(line);
            if (_live)
            {
                DrawLocked();
            }
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_gate)
        {
            Clear();
        }
    }

    private void Draw()
    {
        lock (_gate)
        {
            DrawLocked();
        }
    }

    private void DrawLocked()
    {
        if (!_live)
        {
            return;
        }

        const int width = 30;
        int done = Volatile.Read(ref _done);
        int filled = _total == 0 ? width : (int)((long)width * done / _total);
        string line = $"[{new string('#', filled)}{new string('.', width - filled)}] {done}/{_total} files, {ImageIo.FormatBytes(Interlocked.Read(ref _bytesIn))} -> {ImageIo.FormatBytes(Interlocked.Read(ref _bytesOut))}"
            + (_failed > 0 ? $", {_failed} failed" : string.Empty);
        Console.Error.Write("\r" + line.PadRight(_lastLength));
        _lastLength = line.Length;
    }

    private void Clear()
    {
        if (_live && _lastLength > 0)
        {
            Console.Error.Write("\r" + new string(' ', _lastLength) + "\r");
            _lastLength = 0;
        }
    }
}

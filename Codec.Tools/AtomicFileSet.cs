namespace RegionCodec.Tools;

/// <summary>
/// Several outputs of one command (decode's image and --mask-out) written all or none: each is written to a
/// temporary sibling first, and only when every one is complete are they renamed. A failure before that
/// leaves none of them; a failing rename takes back the ones already renamed. "-" (standard output) is
/// written when it is staged, since it cannot be taken back.
/// </summary>
internal sealed class AtomicFileSet(bool overwrite) : IDisposable
{
    private readonly List<(string Temp, string Path)> _staged = [];
    private readonly List<string> _committed = [];

    /// <summary>Writes <paramref name="path"/>'s content to its temporary file now; the name appears at <see cref="CommitAll"/>.</summary>
    public void Stage(string path, Action<Stream> write)
    {
        if (path == "-")
        {
            AtomicFile.Write(path, overwrite, write);
            return;
        }

        AtomicFile.CheckWritable(path, overwrite);
        string temp = AtomicFile.TemporaryName(path);
        Interrupt.Track(temp);
        _staged.Add((temp, path));
        using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        write(stream);
        stream.Flush(flushToDisk: false);
    }

    /// <summary>Renames every staged file to its name; on a failure removes those renamed so far and rethrows.</summary>
    public void CommitAll()
    {
        try
        {
            foreach ((string temp, string path) in _staged)
            {
                Errors.About(path, () => AtomicFile.Commit(temp, path, overwrite));
                _committed.Add(path);
            }
        }
        catch
        {
            foreach (string path in _committed)
            {
                TryDelete(path);
            }

            throw;
        }
    }

    /// <summary>Deletes the temporary files that were not renamed (all of them after a failure).</summary>
    public void Dispose()
    {
        foreach ((string temp, _) in _staged)
        {
            TryDelete(temp);
            Interrupt.Untrack(temp);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original error matters more.
        }
    }
}

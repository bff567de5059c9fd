namespace RegionCodec.Tools;

/// <summary>
/// Writes a file through a temporary sibling and a rename, so a failure (or Ctrl+C) leaves nothing
/// behind; never replaces an existing file unless asked to. "-" is standard output (not atomic).
/// </summary>
internal static class AtomicFile
{
    /// <summary>Fails early, before any work, when <paramref name="path"/> exists and may not be replaced.</summary>
    public static void CheckWritable(string path, bool overwrite)
    {
        if (path == "-")
        {
            if (!overwrite && !Console.IsOutputRedirected)
            {
                // As gzip and cwebp do: image bytes on a terminal are noise and can upset it.
                throw new UsageException("refusing to write binary image data to a terminal; redirect standard output (> FILE, | PROGRAM) or use --force");
            }

            return;
        }

        if (Directory.Exists(path))
        {
            // Before "exists": --force would not help, a file name would.
            throw new ToolException(ExitCodes.IoError, $"{path}: is a directory; name the output file (for a directory of outputs: rsgconv batch)");
        }

        if (!overwrite && File.Exists(path))
        {
            throw new ToolException(ExitCodes.IoError, $"{path}: exists (use --force to overwrite)");
        }
    }

    /// <summary>Refuses an output that is the input (the input is never modified).</summary>
    public static void CheckDistinct(string input, string output)
    {
        if (input != "-" && output != "-" && string.Equals(Path.GetFullPath(input), Path.GetFullPath(output), StringComparison.Ordinal))
        {
            throw new UsageException($"the output {output} is the input; rsgconv never modifies its input");
        }
    }

    public static void Write(string path, bool overwrite, Action<Stream> write)
    {
        if (path == "-")
        {
            using Stream stdout = Console.OpenStandardOutput();
            write(stdout);
            stdout.Flush();
            return;
        }

        CheckWritable(path, overwrite);
        string temp = TemporaryName(path);
        Interrupt.Track(temp);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: false);
            }

            Commit(temp, path, overwrite);
        }
        catch
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
                // Best effort: the original error matters more.
            }

            throw;
        }
        finally
        {
            Interrupt.Untrack(temp);
        }
    }

    /// <summary>A hidden sibling of <paramref name="path"/> (same directory, so the rename is atomic).</summary>
    public static string TemporaryName(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    /// <summary>Renames a finished temporary file to its output name, unless Ctrl+C came first.</summary>
    public static void Commit(string temp, string path, bool overwrite)
    {
        lock (Interrupt.CommitLock)
        {
            Interrupt.Token.ThrowIfCancellationRequested(); // interrupted: the caller deletes the temporary file
            try
            {
                File.Move(temp, path, overwrite);
            }
            catch (IOException) when (!overwrite && File.Exists(path))
            {
                throw new ToolException(ExitCodes.IoError, $"{path}: exists (use --force to overwrite)");
            }
        }
    }

    public static void Write(string path, bool overwrite, ReadOnlySpan<byte> bytes)
    {
        byte[] copy = bytes.ToArray();
        Write(path, overwrite, s => s.Write(copy));
    }
}

namespace RegionCodec.Tools;

/// <summary>Writes a file through a temporary sibling and a rename, so a failure leaves nothing behind.</summary>
internal static class AtomicFile
{
    public static void Write(string path, bool overwrite, Action<Stream> write)
    {
        if (!overwrite && File.Exists(path))
        {
            throw new IOException($"{path} exists (use --force to overwrite)");
        }

        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
            }

            File.Move(temp, path, overwrite);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}

namespace RegionCodec.Tools;

/// <summary>Warns when an output's extension names another format than the one written (an .rsg saved as out.png opens nowhere).</summary>
internal static class OutputName
{
    /// <summary>One warning line on standard error when <paramref name="path"/>'s extension is not <paramref name="format"/> (a file extension, e.g. "rsg", "jpg").</summary>
    public static void WarnIfMismatched(string path, string format)
    {
        if (path == "-")
        {
            return;
        }

        string extension = Path.GetExtension(path).TrimStart('.').ToLowerInvariant();
        if (extension.Length == 0 || SameFormat(extension, format))
        {
            return;
        }

        Console.Error.WriteLine($"rsgconv: warning: {path}: written as {format.ToUpperInvariant()} data, but the name ends in .{extension}");
    }

    private static bool SameFormat(string extension, string format)
    {
        if (extension == format)
        {
            return true;
        }

        // jpg/jpeg, tif/tiff, ppm/pnm: one format under several extensions.
        var a = ImageIo.FindEncoderFormat(extension);
        var b = ImageIo.FindEncoderFormat(format);
        return a is not null && a == b;
    }
}

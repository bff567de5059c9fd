using RegionCodec.Segmentation.OpenCv;
using Spectre.Console.Cli;
using SixLabors.ImageSharp;

namespace RegionCodec.Tools;

/// <summary>A bad command line (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>A failure with its exit code and a one-line message that already names the file.</summary>
internal sealed class ToolException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>Maps exceptions to exit codes and one-line reasons.</summary>
internal static class Errors
{
    /// <summary>Runs <paramref name="action"/>; any failure becomes a <see cref="ToolException"/> whose message starts with <paramref name="file"/>.</summary>
    public static T About<T>(string file, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is not (ToolException or UsageException or OperationCanceledException))
        {
            (int code, string reason) = Classify(e);
            throw new ToolException(code, $"{Display(file)}: {reason}", e);
        }
    }

    public static void About(string file, Action action) => About(file, () =>
    {
        action();
        return 0;
    });

    public static string Display(string file) => file == "-" ? "<stdin/stdout>" : file;

    /// <summary>The exit code and a one-line reason for an exception.</summary>
    public static (int Code, string Reason) Classify(Exception e)
    {
        switch (e)
        {
            case ToolException t:
                return (t.ExitCode, OneLine(t.Message));
            case UsageException or CommandAppException or RegionRequestException:
                return (ExitCodes.Usage, OneLine(e.Message));
            case OperationCanceledException:
                return (ExitCodes.Cancelled, "interrupted");
            case RsgFormatException { Error: RsgError.LimitExceeded } limit:
                return (ExitCodes.BadInput, limit.Reason + " (use --max-pixels)"); // a valid file, just larger than allowed: not "corrupt"
            case RsgFormatException { Error: RsgError.BadSignature }:
                return (ExitCodes.BadInput, "not an .rsg file (it does not start with the .rsg signature)");
            case ImageTooLargeException or NotAnRsgFileException:
                return (ExitCodes.BadInput, OneLine(e.Message));
            case RsgFormatException f:
                return (ExitCodes.BadInput, "corrupt .rsg: " + OneLine(f.Message));
            case UnknownImageFormatException:
                return (ExitCodes.BadInput, "not an image format rsgconv reads (png, jpeg, bmp, gif, tga, tiff, webp, pbm/pgm/ppm, rsg)");
            case InvalidImageContentException or ImageFormatException or InvalidDataException:
                return (ExitCodes.BadInput, "corrupt image: " + OneLine(e.Message));
            case UnsupportedImageException:
                return (ExitCodes.BadInput, "unsupported image: " + OneLine(e.Message));
            case OpenCvUnavailableException or CascadeNotFoundException:
                return (ExitCodes.MissingDependency, OneLine(e.Message));
            case FileNotFoundException or DirectoryNotFoundException:
                return (ExitCodes.IoError, "no such file or directory");
            case UnauthorizedAccessException:
                return (ExitCodes.IoError, "permission denied");
            case IOException:
                return (ExitCodes.IoError, OneLine(e.Message));
            default:
                return (ExitCodes.InternalError, $"internal error: {e.GetType().Name}: {OneLine(e.Message)} (run with --verbose for the stack trace)");
        }
    }

    public static string OneLine(string message) =>
        string.Join("; ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

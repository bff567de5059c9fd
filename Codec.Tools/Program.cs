using RegionCodec;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Tools;

/// <summary>
/// rsgconv: encode any image ImageSharp reads to .rsg, decode .rsg to any format it writes, show a
/// file's header. Errors print one line and exit non-zero; see <see cref="ExitCodes"/>.
/// </summary>
internal static class Program
{
    private const string Usage = """
        rsgconv - convert images to and from the region-aware .rsg format

        Usage:
          rsgconv encode IN OUT.rsg [--quality N] [--subsampling 420|444] [--gray] [--force]
          rsgconv decode IN.rsg OUT.(png|bmp|jpg|...) [--mask-out MASK.png] [--force]
          rsgconv info IN.rsg

        Examples:
          rsgconv encode photo.png photo.rsg --quality 80
          rsgconv decode photo.rsg photo.png
        """;

    public static int Main(string[] args)
    {
        bool verbose = args.Contains("--verbose");
        try
        {
            var arguments = new Arguments(args.Where(a => a != "--verbose").ToArray());
            return arguments.Command switch
            {
                "encode" => Commands.Encode(arguments),
                "decode" => Commands.Decode(arguments),
                "info" => Commands.Info(arguments),
                "-h" or "--help" or "help" or null => PrintUsage(ExitCodes.Ok),
                _ => throw new UsageException($"unknown command '{arguments.Command}'"),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"rsgconv: {e.Message}");
            Console.Error.WriteLine("Run 'rsgconv --help' for usage.");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is RsgFormatException or UnknownImageFormatException or InvalidImageContentException)
        {
            Console.Error.WriteLine($"rsgconv: {e.Message}");
            if (verbose)
            {
                Console.Error.WriteLine(e);
            }

            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"rsgconv: {e.Message}");
            if (verbose)
            {
                Console.Error.WriteLine(e);
            }

            return ExitCodes.IoError;
        }
    }

    private static int PrintUsage(int code)
    {
        Console.WriteLine(Usage);
        return code;
    }
}

using System.Runtime.Versioning;

[assembly: SupportedOSPlatform("windows")]

namespace RegionCodec.Shell.Windows.ComHarness;

/// <summary>
/// rsg-com-harness check-registered COMHOST | check-unregistered
///                 provider CX OUTDIR FILE.rsg... | shell-item CX OUTDIR FILE.rsg...
/// Thumbnail verbs write OUTDIR/NAME.CX.bgra (GetDIBits' top-down BGRA rows) and print one line per file,
/// "NAME WIDTHxHEIGHT bpp=BITS alpha=WTS_ALPHATYPE", for Codec.Shell.Windows.Tests to compare with the managed
/// thumbnailer. Exit 0 on success, 1 with the reason on stderr.
/// </summary>
internal static class Program
{
    /// <summary>STA, as the thumbnail cache's threads are: the provider is registered ThreadingModel=Apartment.</summary>
    [STAThread]
    private static int Main(string[] args)
    {
        try
        {
            return args switch
            {
                ["check-registered", string comHost] => Report(RegistrationCheck.MissingOrWrong(comHost), "registered"),
                ["check-unregistered"] => Report(RegistrationCheck.Leftovers(), "unregistered"),
                ["provider", string cx, string outDir, .. string[] files] when files.Length > 0 => Thumbnails(cx, outDir, files, ViaProvider),
                ["shell-item", string cx, string outDir, .. string[] files] when files.Length > 0 => Thumbnails(cx, outDir, files, ViaShellItem),
                _ => Usage(),
            };
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"rsg-com-harness: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    private static (HBitmapPixels Bitmap, string Alpha) ViaProvider(string file, uint cx)
    {
        Guid clsid = Guid.Parse(WindowsShellRegistration.ProviderClsid);
        ThumbnailProviderClient.Result result = ThumbnailProviderClient.GetThumbnail(clsid, file, cx);
        return (result.Bitmap, result.AlphaType.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static (HBitmapPixels Bitmap, string Alpha) ViaShellItem(string file, uint cx) =>
        (ShellItemImageClient.GetImage(file, (int)cx), "-");

    private static int Thumbnails(string cxText, string outDir, string[] files, Func<string, uint, (HBitmapPixels Bitmap, string Alpha)> render)
    {
        if (!uint.TryParse(cxText, out uint cx) || cx == 0)
        {
            return Usage();
        }

        foreach (string file in files)
        {
            string full = Path.GetFullPath(file);
            (HBitmapPixels bitmap, string alpha) = render(full, cx);
            string name = Path.GetFileNameWithoutExtension(full);
            File.WriteAllBytes(Path.Combine(outDir, $"{name}.{cx}.bgra"), bitmap.Bgra);
            Console.WriteLine($"{name} {bitmap.Width}x{bitmap.Height} bpp={bitmap.BitsPerPixel} alpha={alpha}");
        }

        return 0;
    }

    private static int Report(IReadOnlyList<string> problems, string state)
    {
        foreach (string problem in problems)
        {
            Console.Error.WriteLine(problem);
        }

        Console.WriteLine(problems.Count == 0 ? $"{state}: ok" : $"{state}: {problems.Count} problem(s)");
        return problems.Count == 0 ? 0 : 1;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: rsg-com-harness check-registered COMHOST | check-unregistered | provider|shell-item CX OUTDIR FILE.rsg...");
        return 1;
    }
}

using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Benchmarks;

/// <summary>
/// <c>mosaic OUT.png [--images DIR]</c>: the speed benchmarks' photograph, 2304x1536 (3.5 MP), nine landscape Kodak
/// photographs in a 3x3 grid. The development set has no multi-megapixel photograph, and upscaling a small one
/// would not behave like a real one; a grid of real photographs does.
/// </summary>
internal static class MosaicCommand
{
    private static readonly string[] Tiles = ["01", "02", "03", "05", "06", "07", "08", "11", "12"];

    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: RegionCodec.Benchmarks mosaic OUT.png [--images DIR (../shared/images)]");
            return 2;
        }

        string kodak = Path.Combine(new CommandArgs(args).Text("--images", "../shared/images"), "kodak");
        string[] files = [.. Tiles.Select(t => Path.Combine(kodak, $"kodim{t}.png"))];
        foreach (string file in files)
        {
            // SpeedMemory.Mosaic skips tiles smaller than the grid cell; here every tile must be there.
            if (Image.Identify(file) is not { Width: 768, Height: 512 })
            {
                throw new InvalidDataException($"{file} is not a 768x512 photograph.");
            }
        }

        RgbImage mosaic = SpeedMemory.Mosaic(files, 768, 512, 3 * 768, 3 * 512);
        using (Image<Rgb24> image = mosaic.ToImageSharp())
        {
            image.SaveAsPng(args[0]);
        }

        Console.WriteLine($"wrote {args[0]} (2304x1536, kodim{string.Join(",", Tiles)})");
        return 0;
    }
}

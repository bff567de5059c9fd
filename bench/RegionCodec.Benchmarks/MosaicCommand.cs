using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

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

        int i = Array.IndexOf(args, "--images");
        string kodak = Path.Combine(i >= 0 && i + 1 < args.Length ? args[i + 1] : "../shared/images", "kodak");
        using var mosaic = new Image<Rgb24>(3 * 768, 3 * 512);
        for (int t = 0; t < Tiles.Length; t++)
        {
            using Image<Rgb24> tile = Image.Load<Rgb24>(Path.Combine(kodak, $"kodim{Tiles[t]}.png"));
            if (tile.Width != 768 || tile.Height != 512)
            {
                throw new InvalidDataException($"kodim{Tiles[t]} is {tile.Width}x{tile.Height}, expected 768x512.");
            }

            mosaic.Mutate(m => m.DrawImage(tile, new Point((t % 3) * 768, (t / 3) * 512), 1f));
        }

        mosaic.SaveAsPng(args[0]);
        Console.WriteLine($"wrote {args[0]} (2304x1536, kodim{string.Join(",", Tiles)})");
        return 0;
    }
}

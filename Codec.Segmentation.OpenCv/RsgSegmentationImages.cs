using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Segmentation.OpenCv;

/// <summary>Image files for segmentation: load RGB or grayscale with ImageSharp, save PNGs and mask overlays.</summary>
public static class RsgSegmentationImages
{
    /// <summary>Loads any image ImageSharp reads as packed RGB (width * 3 bytes per row).</summary>
    public static (byte[] Rgb, int Width, int Height) LoadRgb(string path)
    {
        using Image<Rgb24> image = Image.Load<Rgb24>(path);
        var rgb = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(rgb);
        return (rgb, image.Width, image.Height);
    }

    /// <summary>Loads any image ImageSharp reads as 8-bit luma.</summary>
    public static (byte[] Gray, int Width, int Height) LoadGray(string path)
    {
        using Image<L8> image = Image.Load<L8>(path);
        var gray = new byte[image.Width * image.Height];
        image.CopyPixelDataTo(gray);
        return (gray, image.Width, image.Height);
    }

    /// <summary>Saves packed RGB as PNG.</summary>
    public static void SavePng(byte[] rgb, int width, int height, string path)
    {
        using var image = Image.LoadPixelData<Rgb24>(rgb, width, height);
        image.SaveAsPng(path);
    }

    /// <summary>Renders <see cref="RsgOverlay"/> for an RGB image and saves it as PNG.</summary>
    public static void SaveOverlay(byte[] rgb, int width, int height, RsgLabelMap labels, string path, double opacity = 0.45)
    {
        byte[] overlay = RsgOverlay.Render(rgb, width, height, width * 3, RsgPixelFormat.Rgb24, labels, opacity);
        SavePng(overlay, width, height, path);
    }
}

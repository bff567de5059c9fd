using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;

namespace RegionCodec.Tools;

/// <summary>An input of a decoder-side command that is another image format: say so (like file(1)), not "corrupt .rsg".</summary>
internal sealed class NotAnRsgFileException(string message) : Exception(message);

/// <summary>Recognises other image formats by their signature before the .rsg decoder rejects them.</summary>
internal static class NotAnRsgFile
{
    /// <summary>Throws <see cref="NotAnRsgFileException"/> naming the format when <paramref name="data"/> is a PNG, JPEG or other image ImageSharp knows.</summary>
    public static void ThrowIfOtherFormat(byte[] data)
    {
        if (data.AsSpan().StartsWith(RsgConstants.Signature))
        {
            return;
        }

        IImageFormat? format = Image.DetectFormat(ImageIo.Configuration, data);
        if (format is not null)
        {
            throw new NotAnRsgFileException($"not an .rsg file: it is a {format.Name} image (to make an .rsg from it: rsgconv encode)");
        }
    }
}

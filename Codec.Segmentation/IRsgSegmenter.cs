namespace RegionCodec.Segmentation;

/// <summary>
/// Turns an image into the label map and region table the encoder takes. Implementations must be
/// deterministic: the same pixels and options give the same labels. They live in Codec/ (managed) or
/// in other assemblies (for example OpenCV-based ones in Codec.Segmentation).
/// </summary>
public interface IRsgSegmenter
{
    /// <summary>Short name used on command lines and in logs (for example "activity", "faces").</summary>
    string Name { get; }

    /// <summary>Segments interleaved 8-bit pixels (row r at <c>r * stride</c>).</summary>
    RsgSegmentation Segment(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format, RsgSegmenterOptions options);
}

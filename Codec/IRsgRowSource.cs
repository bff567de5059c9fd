namespace RegionCodec;

/// <summary>
/// Supplies an image's rows top to bottom, for an encode that never holds the whole image
/// (<see cref="RsgEncoder.Encode(IRsgRowSource, int, int, RsgPixelFormat, System.IO.Stream, RsgEncoderOptions?, RsgLabelMap?, CancellationToken)"/>):
/// the encoder asks for one wave of strips at a time, so it holds a few megapixels whatever the image size.
/// </summary>
public interface IRsgRowSource
{
    /// <summary>
    /// Writes the next <paramref name="rowCount"/> rows, packed (width × bytes per pixel each, no padding), into
    /// <paramref name="destination"/>, which is exactly that long. Calls come in order and together ask for every row
    /// once. Throw to abort the encode (for example <see cref="EndOfStreamException"/> when the input ends early).
    /// </summary>
    void ReadRows(Span<byte> destination, int rowCount);
}

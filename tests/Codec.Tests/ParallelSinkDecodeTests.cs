using System.Collections.Concurrent;

namespace RegionCodec.Tests;

/// <summary>
/// The whole-buffer decode into a row sink: strips arrive from several threads, each row and each mask
/// row exactly once, and together they equal the plain whole-buffer decode.
/// </summary>
public sealed class ParallelSinkDecodeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void EveryRowArrivesOnceAndMatchesTheWholeBufferDecode(int threads)
    {
        TestImage image = TestImages.Kodim256;
        byte[] file = image.Encode(new RsgEncoderOptions { Quality = 70, StripHeight = 16, Regions = [new(30), new(90)] },
            RoundTripTests.HalfLabels(256, 256, 1));
        RsgImage expected = RsgDecoder.Decode(file);

        var sink = new ConcurrentRowSink();
        RsgImageInfo info = RsgDecoder.Decode(file.AsMemory(), sink, new RsgDecoderOptions { MaxDegreeOfParallelism = threads });

        Assert.Equal(16, info.StripCount);
        Assert.Equal(expected.Pixels, sink.Pixels);
        Assert.Equal(expected.Labels.Labels, sink.Labels);
        Assert.All(sink.RowHits, hits => Assert.Equal(1, hits));
        Assert.All(sink.MaskRowHits, hits => Assert.Equal(1, hits));
    }

    [Fact]
    public void CorruptStripIsReportedBeforeAnyRowIsDelivered()
    {
        byte[] file = TestImages.Kodim256.Encode(new RsgEncoderOptions { StripHeight = 16 });
        file[^40] ^= 0x10;  // inside the last strip: its CRC no longer matches
        var sink = new ConcurrentRowSink();
        RsgFormatException e = Assert.Throws<RsgFormatException>(() => RsgDecoder.Decode(file.AsMemory(), sink));
        Assert.Equal(RsgError.BadCrc, e.Error);
        Assert.False(sink.GotInfo);
    }

    private sealed class ConcurrentRowSink : IRsgRowSink
    {
        private int _rowBytes;

        public bool GotInfo { get; private set; }

        public byte[] Pixels { get; private set; } = [];

        public RsgLabelMap? Mask { get; private set; }

        public byte[] Labels => Mask?.Labels ?? [];

        public int[] RowHits { get; private set; } = [];

        public int[] MaskRowHits { get; private set; } = [];

        public ConcurrentBag<int> Threads { get; } = [];

        public void OnInfo(RsgImageInfo info)
        {
            GotInfo = true;
            _rowBytes = info.Width * 3;
            Mask = RsgLabelMap.ForDecoding(info);
            Pixels = new byte[_rowBytes * info.Height];
            RowHits = new int[info.Height];
            MaskRowHits = new int[info.MaskHeight];
        }

        public void OnRows(int firstRow, int rowCount, ReadOnlySpan<byte> pixels, int stride)
        {
            Threads.Add(Environment.CurrentManagedThreadId);
            for (int r = 0; r < rowCount; r++)
            {
                pixels.Slice(r * stride, _rowBytes).CopyTo(Pixels.AsSpan((firstRow + r) * _rowBytes));
                Interlocked.Increment(ref RowHits[firstRow + r]);
            }
        }

        public void OnMaskRows(int firstMaskRow, int rowCount, ReadOnlySpan<byte> labels)
        {
            Mask!.CopyMaskRows(firstMaskRow, rowCount, labels);
            for (int r = 0; r < rowCount; r++)
            {
                Interlocked.Increment(ref MaskRowHits[firstMaskRow + r]);
            }
        }
    }
}

using RegionCodec.Segmentation.OpenCv;

namespace RegionCodec.Segmentation.Tests;

public class GrabCutStartTests
{
    // kodim23.png (768x512), checked by hand: the left parrot's face (white cheek, eye at ~(215, 230)), the
    // right parrot's face (eye at ~(510, 170)), and the blurred pink flower behind them (top, centred ~(270, 80)).
    private static readonly (int X, int Y)[] Heads = [(185, 240), (215, 230), (500, 215), (510, 175)];
    private static readonly (int X, int Y)[] Flower = [(270, 80), (250, 60), (300, 100)];

    [Fact]
    public void SaliencyMaskStartKeepsBothParrotHeadsAndDropsTheFlower()
    {
        RsgSegmentation s = TestImages.Segment(new GrabCutSegmenter(), "kodim23");
        foreach ((int x, int y) in Heads)
        {
            Assert.True(s.Labels.LabelAtPixel(x, y) == 1, $"head pixel ({x}, {y}) is background");
        }

        foreach ((int x, int y) in Flower)
        {
            Assert.True(s.Labels.LabelAtPixel(x, y) == 0, $"flower pixel ({x}, {y}) is foreground");
        }
    }

    [Fact]
    public void BoundingBoxStartKeptTheFlower()
    {
        // The earlier start, for the record: it is what the mask start fixes.
        RsgSegmentation s = TestImages.Segment(new GrabCutSegmenter { AutoStart = GrabCutStart.Saliency }, "kodim23");
        Assert.Contains(Flower, p => s.Labels.LabelAtPixel(p.X, p.Y) == 1);
    }

    [Fact]
    public void SaliencyMaskStartKeepsTheCoffeeCupAndNotTheTable()
    {
        // coffee.png (600x400), by hand: the crema and the cup's rim; the table at the lower left and upper right.
        // The saucer is not asserted: this start loses most of it (its dark red is close to the table's).
        RsgSegmentation s = TestImages.Segment(new GrabCutSegmenter(), "coffee");
        Assert.Equal(1, s.Labels.LabelAtPixel(285, 100));
        Assert.Equal(1, s.Labels.LabelAtPixel(285, 30));
        Assert.Equal(0, s.Labels.LabelAtPixel(40, 360));
        Assert.Equal(0, s.Labels.LabelAtPixel(560, 40));
    }

    [Fact]
    public void WithoutAnythingSalientAndNoFallbackThereIsNoForeground()
    {
        const int w = 160, h = 120;
        var flat = new byte[w * h * 3];
        Array.Fill(flat, (byte)90);
        RsgSegmentation s = new GrabCutSegmenter { FallBackToCentered = false }.Segment(flat, w, h, w * 3, RsgPixelFormat.Rgb24, RsgSegmenterOptions.Default);
        Assert.All(s.Labels.Labels, l => Assert.Equal(0, l));
    }
}

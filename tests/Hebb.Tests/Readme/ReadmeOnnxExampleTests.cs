using Hebb.Layers;
using Hebb.Serialization;
using Hebb.Serialization.Onnx;
using Hebb.Tests.Support;

namespace Hebb.Tests.Readme;

/// <summary>README's ONNX example, as written there but in a temporary folder.</summary>
public class ReadmeOnnxExampleTests
{
    [Fact]
    public void TheOnnxExampleExportsImportsAndSaves()
    {
        using var folder = new TemporaryFolder();
        var model = Mlp.Note();
        OnnxExport.Save(model, folder.PathOf("model.onnx"), withProbabilities: true);
        var imported = OnnxImport.Load(folder.PathOf("model.onnx"));
        imported.Save(folder.PathOf("model.safetensors"));

        Assert.Equal(model.ToString(), ModelFile.Load(folder.PathOf("model.safetensors")).Model.ToString());
    }
}

using Hebb.Serialization;
using Hebb.Tensors;

namespace Hebb.Graph;

/// <summary>
/// Saves and restores a session's variables — <c>tf.train.Saver()</c>. The file is a <c>.safetensors</c> file, as
/// Hebb's model files are, with each variable under its graph name (<c>dnn/hidden1/weights</c>), written
/// atomically: a failed save leaves the previous file whole.
/// </summary>
public sealed class Saver
{
    /// <summary>The <c>format</c> entry of the metadata of the files a saver writes.</summary>
    public const string Format = "hebb.graph.v1";

    private readonly GraphTensor[] variables;

    /// <summary>A saver of every variable <paramref name="graph"/> has now.</summary>
    public Saver(Graph graph) : this(graph.GlobalVariables)
    {
    }

    /// <summary>A saver of <paramref name="variables"/>.</summary>
    public Saver(IEnumerable<GraphTensor> variables)
    {
        this.variables = variables.ToArray();
        var notVariable = this.variables.FirstOrDefault(variable => variable.Producer is not VariableOperation);
        if (notVariable is not null) throw new ArgumentException($"Saver: '{notVariable.Name}' is not a variable");
    }

    /// <summary>Writes the variables' values in <paramref name="session"/> to <paramref name="path"/> and returns
    /// the path — <c>save_path = saver.save(sess, "./my_model_final.ckpt")</c>.</summary>
    public string Save(Session session, string path)
    {
        var tensors = variables.Select(variable => new KeyValuePair<string, Tensor>(variable.Name, session.ValueOf(variable))).ToList();
        SafeTensorsWriter.Write(path, tensors, new Dictionary<string, string> { ["format"] = Format });
        return path;
    }

    /// <summary>Gives the variables in <paramref name="session"/> the values saved in <paramref name="path"/> —
    /// <c>saver.restore(sess, "./my_model_final.ckpt")</c>. A file that lacks a variable or holds it in another
    /// shape is an <see cref="InvalidFileException"/> naming the tensor.</summary>
    public void Restore(Session session, string path)
    {
        var file = SafeTensorsReader.Read(path);
        var restored = new List<(GraphTensor Variable, Tensor Value)>();
        foreach (var variable in variables)
        {
            var value = file[variable.Name];
            if (!StaticShape.Fits(variable.Shape, value.Shape))
                throw new InvalidFileException(path, $"tensor '{variable.Name}' shape", $"expected {variable.ShapeString}, found {value.ShapeString}");
            restored.Add((variable, value));
        }
        // Only once every variable was found: a bad file changes nothing.
        foreach (var (variable, value) in restored) session.Assign(variable, value);
    }
}

using Hebb.Examples;
MnistWithDense.Run(Console.Out, modelPath: "model.safetensors", epochs: 20);

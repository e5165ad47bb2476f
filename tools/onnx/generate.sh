#!/usr/bin/env bash
# Regenerates src/Hebb/Serialization/Onnx/Generated/Onnx.cs from the vendored onnx.proto3 with the protoc
# that the NuGet package Google.Protobuf.Tools ships (the same version as the runtime, Google.Protobuf).
# The generated types are internal: Hebb's public ONNX API is OnnxExport and OnnxImport.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=3.36.2
packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
tools="$packages/google.protobuf.tools/$version/tools"
if [ ! -d "$tools" ]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  cat > "$scratch/restore.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="Google.Protobuf.Tools" Version="$version" /></ItemGroup>
</Project>
PROJECT
  dotnet restore "$scratch/restore.csproj" >/dev/null
fi
case "$(uname -m)" in
  x86_64) platform=linux_x64 ;;
  aarch64) platform=linux_aarch64 ;;
  *) echo "generate.sh: no protoc in Google.Protobuf.Tools for $(uname -m)" >&2; exit 1 ;;
esac
protoc="$tools/$platform/protoc"
chmod +x "$protoc"
proto=src/Hebb/Serialization/Onnx/Proto
"$protoc" --proto_path="$proto" --csharp_out=src/Hebb/Serialization/Onnx/Generated \
  --csharp_opt=internal_access,file_extension=.g.cs "$proto/onnx.proto3"

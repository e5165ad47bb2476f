#!/usr/bin/env python3
"""Write scikit-learn's Perceptron figures that Hebb's Perceptron tests compare against.

Run from the repository root, with Debian's scikit-learn (apt-get install -y python3-sklearn):

    /usr/bin/python3 tools/reference/make_perceptron_reference.py

It writes tests/Hebb.Tests/TestData/reference/perceptron.json (or the path given as the first
argument). The output is deterministic. The committed file was made with scikit-learn 1.2.1 and
numpy 1.24.2 (Debian 12's python3-sklearn 1.2.1+dfsg-1 and python3-numpy).

Hebb's Perceptron takes float32 inputs and computes in float64, as scikit-learn does after
converting its input to float64. Every case therefore feeds scikit-learn the float32 values Hebb
holds (X.astype(float32).astype(float64)), so the two see exactly the same numbers. On float64
inputs that differ in the last bits, a sample lying exactly on the boundary can count as a mistake
in one and not in the other, and the runs part ways.

The iris cases read Hebb's own copy of iris.csv (src/Hebb/Data/Iris), the file load_iris() reads.
"""

import json
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Perceptron

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
IRIS = os.path.join(REPO, "src", "Hebb", "Data", "Iris", "iris.csv")
DEFAULT_OUT = os.path.join(REPO, "tests", "Hebb.Tests", "TestData", "reference", "perceptron.json")
MAX_INT = np.iinfo(np.int32).max


def load_iris():
    rows = np.loadtxt(IRIS, delimiter=",", skiprows=1)
    return rows[:, :4].astype(np.float32), rows[:, 4].astype(int)


def case(description, features, labels, predict=None, **options):
    """Fits scikit-learn's Perceptron with `options` (its parameter names) and records what it learned."""
    features = np.asarray(features, dtype=np.float32)
    labels = np.asarray(labels, dtype=int)
    x = features.astype(np.float64)
    with warnings.catch_warnings():
        # The non-separable cases stop on the tolerance; the one that runs out of epochs warns, as it should.
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = Perceptron(**options).fit(x, labels)
    result = {
        "description": description,
        "options": options,
        "features": features.tolist(),
        "labels": labels.tolist(),
        "classes": model.classes_.tolist(),
        "coef": model.coef_.tolist(),
        "intercept": model.intercept_.tolist(),
        "n_iter": int(model.n_iter_),
        "decision_function": np.atleast_2d(model.decision_function(x).T).T.tolist(),
        "predictions": model.predict(x).tolist(),
        "score": float(model.score(x, labels)),
    }
    if predict is not None:
        query = np.asarray(predict, dtype=np.float32)
        result["query"] = query.tolist()
        result["query_predictions"] = model.predict(query.astype(np.float64)).tolist()
    return result


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    iris, species = load_iris()
    petals = iris[:, 2:4]
    xor = [[0, 0], [0, 1], [1, 0], [1, 1]]
    not_setosa = species > 0
    reference = {
        "description": "scikit-learn Perceptron fits on float32 inputs; made by tools/reference/make_perceptron_reference.py",
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "numpy_random_state": {
            "description": "numpy.random.RandomState(seed).randint draws that scikit-learn turns into shuffle seeds",
            "seed_42_randint_max_int": np.random.RandomState(42).randint(MAX_INT, size=5).tolist(),
            "seed_7_randint_1_to_max_int": np.random.RandomState(7).randint(1, MAX_INT, size=5).tolist(),
        },
        "cases": {
            "note": case("the course note: iris petal length and width, is setosa, random_state=42",
                         petals, (species == 0).astype(int), predict=[[2, 0.5]], random_state=42),
            "iris_three_classes": case("all four iris features, three classes (one-vs-rest), random_state=42",
                                       iris, species, random_state=42),
            "iris_petals_three_classes_default_seed": case("iris petals, three classes, scikit-learn's default random_state=0",
                                                           petals, species, random_state=0),
            "xor": case("the four XOR points, random_state=42", xor, [0, 1, 1, 0], random_state=42),
            "versicolor_or_virginica_options": case(
                "versicolor (label 3) against virginica (label 7), not separable: eta0=0.1, no tolerance, "
                "15 epochs at most, random_state=5",
                iris[not_setosa], np.where(species[not_setosa] == 1, 3, 7),
                eta0=0.1, tol=None, max_iter=15, random_state=5),
            "no_shuffle": case("iris petals, is virginica, shuffle=False", petals, (species == 2).astype(int),
                               shuffle=False, n_iter_no_change=3, random_state=42),
        },
    }
    with open(out, "w", encoding="utf-8") as file:
        json.dump(reference, file, indent=1)
        file.write("\n")


if __name__ == "__main__":
    main()

"""Reference figures for hebb's table defaults: scikit-learn's MLPClassifier / MLPRegressor (default settings) after a
StandardScaler fitted on the training rows, on the wine and diabetes splits of /work/shared/data/tabular.

Run: /usr/bin/python3 tools/reference/tables_sklearn.py [DATA_DIR]   (prints one line per data set and seed)
"""
import sys
import warnings

import numpy as np
import pandas as pd
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LinearRegression
from sklearn.metrics import accuracy_score, r2_score
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings("ignore", category=ConvergenceWarning)
data = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/tabular"


def split(name, target):
    train, test = pd.read_csv(f"{data}/{name}-train.csv"), pd.read_csv(f"{data}/{name}-test.csv")
    return train.drop(columns=target), train[target], test.drop(columns=target), test[target]


x, y, tx, ty = split("wine", "cultivar")
for seed in range(5):
    model = make_pipeline(StandardScaler(), MLPClassifier(random_state=seed)).fit(x, y)
    print(f"wine MLPClassifier seed {seed}: accuracy {accuracy_score(ty, model.predict(tx)):.4f}")

x, y, tx, ty = split("diabetes", "progression")
scores = []
for seed in range(5):
    model = make_pipeline(StandardScaler(), MLPRegressor(random_state=seed)).fit(x, y)
    scores.append(r2_score(ty, model.predict(tx)))
    print(f"diabetes MLPRegressor seed {seed}: R2 {scores[-1]:.4f}")
for seed in range(5):
    # The target standardized too, as hebb does (MLPRegressor's default learns the raw target, far from its initial outputs).
    scaler = StandardScaler().fit(y.to_numpy().reshape(-1, 1))
    model = make_pipeline(StandardScaler(), MLPRegressor(random_state=seed)).fit(x, scaler.transform(y.to_numpy().reshape(-1, 1)).ravel())
    predicted = scaler.inverse_transform(model.predict(tx).reshape(-1, 1)).ravel()
    print(f"diabetes MLPRegressor, target standardized, seed {seed}: R2 {r2_score(ty, predicted):.4f}")
linear = make_pipeline(StandardScaler(), LinearRegression()).fit(x, y)
print(f"diabetes LinearRegression: R2 {r2_score(ty, linear.predict(tx)):.4f}")

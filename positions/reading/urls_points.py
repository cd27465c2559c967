"""The points beyond the chapter page: the agreement map of a study, and the points as
open data (CSV and JSON). Included by positions/urls.py, so its names are
"positions:…"."""

from django.urls import path

from positions.reading import points as views_points

urlpatterns: list = [
    path("studies/<slug:study>/map/", views_points.study_map, name="study_map"),
    path(
        "studies/<slug:study>/points.csv",
        views_points.study_points,
        {"file_format": "csv"},
        name="study_points_csv",
    ),
    path(
        "studies/<slug:study>/points.json",
        views_points.study_points,
        {"file_format": "json"},
        name="study_points_json",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/points.csv",
        views_points.chapter_points,
        {"file_format": "csv"},
        name="chapter_points_csv",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/points.json",
        views_points.chapter_points,
        {"file_format": "json"},
        name="chapter_points_json",
    ),
]

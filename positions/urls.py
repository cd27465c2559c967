from django.urls import path

from positions import views

app_name = "positions"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("studies/<slug:study>/", views.study, name="study"),
    path("studies/<slug:study>/chapters/<int:number>/", views.chapter, name="chapter"),
    path(
        "studies/<slug:study>/chapters/<int:number>/<slug:side>/",
        views.paper,
        name="paper",
    ),
    path("authors/<slug:slug>/", views.author, name="author"),
    path("tags/<slug:slug>/", views.tag, name="tag"),
]

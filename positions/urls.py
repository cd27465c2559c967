from django.urls import path

from positions import views, views_discussion

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
    # The team's discussion and each editor's work.
    path(
        "studies/<slug:study>/chapters/<int:number>/<slug:side>/discussion/",
        views_discussion.paper_discussion,
        name="paper_discussion",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/points/<slug:slug>/discussion/",
        views_discussion.point_discussion,
        name="point_discussion",
    ),
    path(
        "discussion/<int:comment_id>/resolve/",
        views_discussion.resolve_thread,
        name="resolve_thread",
    ),
    path("my-work/", views_discussion.my_work, name="my_work"),
]

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def dashboard(request):
    return render(
        request,
        "accounts/dashboard.html",
        {
            "managed_clusters": request.user.managed_clusters.all(),
            "organisations": request.user.represented_organisations.all(),
        },
    )
